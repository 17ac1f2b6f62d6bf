/* pv.h: photovoltaic output per kW of DC capacity (MODEL.md §3).
 *
 * The chain, hour by hour, for an array of a given tilt and azimuth:
 *   1. angle of incidence of the beam on the array;
 *   2. plane-of-array irradiance by the Hay-Davies transposition (Hay &
 *      Davies 1980: circumsolar diffuse weighted by the anisotropy index
 *      DNI/DNI_extra, the rest isotropic) plus ground reflection (albedo);
 *   3. incidence-angle losses on the beam, by the physical model of De Soto,
 *      Klein & Beckman 2006 (glass n = 1.526, K = 4 /m, L = 2 mm), as PVWatts;
 *   4. cell temperature by the Sandia model (King, Boyson & Kratochvil 2004,
 *      open rack, glass/polymer: a = −3.56, b = −0.075 s/m, ΔT = 3 K);
 *   5. DC power P = G_eff/1000 · (1 + γ (T_cell − 25)) per kWp, less the
 *      system losses;
 *   6. AC power: inverter efficiency, clipped at the AC rating
 *      (kWp / DC-AC ratio).
 * Pure functions: thread-safe, no allocation. */
#ifndef AUTONOMY_PV_H
#define AUTONOMY_PV_H

#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The sun in one hour, as the PV chain needs it. */
typedef struct au_sun_hour {
    double zenith_deg;          /* apparent (refraction-corrected) zenith */
    double azimuth_deg;         /* clockwise from north */
    double dni_extra_w_m2;      /* extraterrestrial normal irradiance */
} au_sun_hour;

/* Plane-of-array irradiance components (W/m²). */
typedef struct au_poa {
    double beam, sky_diffuse, ground, global;
    double aoi_deg;             /* angle of incidence of the beam */
} au_poa;

/* Cosine of the angle of incidence on a surface of tilt/azimuth. */
double au_pv_cos_aoi(double tilt_deg, double surface_azimuth_deg, double zenith_deg,
                     double azimuth_deg);

/* Hay-Davies plane-of-array irradiance. */
au_poa au_pv_poa(double tilt_deg, double surface_azimuth_deg, double albedo,
                 const au_sun_hour *sun, double ghi_w_m2, double dni_w_m2, double dhi_w_m2);

/* Transmittance of the cover at an angle of incidence, relative to normal
 * incidence (1 at 0°, 0 at 90° and beyond). */
double au_pv_iam(double aoi_deg);

/* Cell temperature (°C) from plane-of-array irradiance, air temperature and
 * wind speed at 10 m. */
double au_pv_cell_temp(double poa_global_w_m2, double temp_air_c, double wind_m_s);

/* AC output in kW per kW of DC capacity for one hour (0 .. 1/dc_ac_ratio). */
double au_pv_ac_per_kwp(const au_pv *p, const au_sun_hour *sun, double ghi_w_m2,
                        double dni_w_m2, double dhi_w_m2, double temp_air_c, double wind_m_s);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_PV_H */
