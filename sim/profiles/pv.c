/* pv.c: the PV chain of pv.h, hour by hour. */
#include "autonomy/pv.h"

#include <math.h>

#define DEG (M_PI / 180.0)

/* Below this cosine of the zenith (88.5°), the beam-to-horizontal ratio of the
 * Hay-Davies model is not computed: the sun is on the horizon, the beam is
 * negligible and the ratio explodes. */
#define MIN_COS_ZENITH 0.0262

double au_pv_cos_aoi(double tilt_deg, double surface_azimuth_deg, double zenith_deg,
                     double azimuth_deg)
{
    double t = tilt_deg * DEG, z = zenith_deg * DEG;
    double c = cos(z) * cos(t) + sin(z) * sin(t) * cos((azimuth_deg - surface_azimuth_deg) * DEG);
    return c > 1.0 ? 1.0 : c < -1.0 ? -1.0 : c;
}

au_poa au_pv_poa(double tilt_deg, double surface_azimuth_deg, double albedo,
                 const au_sun_hour *sun, double ghi_w_m2, double dni_w_m2, double dhi_w_m2)
{
    au_poa r;
    double cos_aoi = au_pv_cos_aoi(tilt_deg, surface_azimuth_deg, sun->zenith_deg,
                                   sun->azimuth_deg);
    double cos_z = cos(sun->zenith_deg * DEG);
    double cos_t = cos(tilt_deg * DEG);
    double beam_on = cos_aoi > 0 ? cos_aoi : 0.0;
    double ghi = ghi_w_m2 > 0 ? ghi_w_m2 : 0.0;
    double dni = dni_w_m2 > 0 ? dni_w_m2 : 0.0;
    double dhi = dhi_w_m2 > 0 ? dhi_w_m2 : 0.0;

    r.aoi_deg = acos(cos_aoi) / DEG;
    r.beam = cos_z > 0 ? dni * beam_on : 0.0;
    /* Hay-Davies: anisotropy index A = DNI / DNI_extra; circumsolar part
     * A·Rb, isotropic part (1 − A)(1 + cos β)/2. */
    double a = sun->dni_extra_w_m2 > 0 ? dni / sun->dni_extra_w_m2 : 0.0;
    if (a > 1.0)
        a = 1.0;
    double rb = cos_z > MIN_COS_ZENITH ? beam_on / cos_z : 0.0;
    if (cos_z <= 0)
        a = 0.0;
    r.sky_diffuse = dhi * (a * rb + (1.0 - a) * 0.5 * (1.0 + cos_t));
    r.ground = ghi * albedo * 0.5 * (1.0 - cos_t);
    r.global = r.beam + r.sky_diffuse + r.ground;
    return r;
}

double au_pv_iam(double aoi_deg)
{
    /* De Soto et al. 2006, eq. 14-16, as in PVWatts v5 (Dobos 2014) and
     * pvlib.iam.physical: transmittance through a glass cover of refractive
     * index n = 1.526, extinction K = 4 /m and thickness L = 2 mm, relative
     * to normal incidence. */
    const double n = 1.526, kl = 4.0 * 0.002;
    if (aoi_deg >= 90.0)
        return 0.0;
    if (aoi_deg <= 1e-6)
        return 1.0;
    double t1 = aoi_deg * DEG;
    double t2 = asin(sin(t1) / n);
    double rs = sin(t2 - t1) / sin(t2 + t1), rp = tan(t2 - t1) / tan(t2 + t1);
    double tau = exp(-kl / cos(t2)) * (1.0 - 0.5 * (rs * rs + rp * rp));
    double r0 = (1.0 - n) / (1.0 + n);
    double tau0 = exp(-kl) * (1.0 - r0 * r0);
    double iam = tau / tau0;
    return iam < 0 ? 0.0 : iam > 1 ? 1.0 : iam;
}

double au_pv_cell_temp(double poa_global_w_m2, double temp_air_c, double wind_m_s)
{
    /* Sandia Array Performance Model, King et al. 2004 (SAND2004-3535),
     * table 1: open rack, glass/polymer: a = −3.56, b = −0.075, ΔT = 3 K. */
    const double a = -3.56, b = -0.075, dt = 3.0;
    double e = poa_global_w_m2 > 0 ? poa_global_w_m2 : 0.0;
    double ws = wind_m_s > 0 ? wind_m_s : 0.0;
    return e * exp(a + b * ws) + temp_air_c + e / 1000.0 * dt;
}

double au_pv_ac_per_kwp(const au_pv *p, const au_sun_hour *sun, double ghi_w_m2,
                        double dni_w_m2, double dhi_w_m2, double temp_air_c, double wind_m_s)
{
    au_poa poa = au_pv_poa(p->tilt_deg, p->azimuth_deg, p->albedo, sun, ghi_w_m2, dni_w_m2,
                           dhi_w_m2);
    if (poa.global <= 0)
        return 0.0;
    double g_eff = poa.beam * au_pv_iam(poa.aoi_deg) + poa.sky_diffuse + poa.ground;
    double t_cell = au_pv_cell_temp(poa.global, temp_air_c, wind_m_s);
    double dc = g_eff / 1000.0 * (1.0 + p->gamma_per_k * (t_cell - 25.0)) * (1.0 - p->losses);
    if (dc <= 0)
        return 0.0;
    double ac = dc * p->inverter_efficiency;
    double ac_max = 1.0 / p->dc_ac_ratio;
    return ac < ac_max ? ac : ac_max;
}
