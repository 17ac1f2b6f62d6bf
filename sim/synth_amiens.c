/* synth_amiens.c: the climate of the built-in synthetic weather of Amiens.
 *
 * No hourly weather year of Amiens itself is public in a form we have; the
 * nearest real hourly year is the Brussels-Uccle typical year (TMYx
 * 2007-2021, Climate.OneBuilding.org, NCEI ISD + ERA5; 50.797 N, 4.358 E,
 * about 220 km north-east of Amiens).  Every constant below is derived from
 * that file by au_synth_calibrate(), with
 *
 *   build/autonomy-calibrate-weather epw \
 *       ../shared/data/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw
 *
 * and a validation test (check_synth) checks that the calibration still gives
 * these numbers.  The monthly targets are therefore Uccle's (AMIENS.md quotes
 * them: T 3.0 ... 4.9 °C, GHI 24.6 ... 19.7 kWh/m², wind 3.5 ... 4.4 m/s).
 * Amiens, 1° further south and nearer the Channel, is probably a little
 * sunnier (Abbeville records 1,678 hours of sunshine a year) and milder in
 * winter: using Uccle's figures is a stated, slightly conservative
 * assumption for solar output, to be replaced by an Amiens year when one can
 * be had.  Generation places the sun at Amiens (the scenario's territory),
 * so the irradiance follows Amiens's day lengths and sun heights. */
#include "autonomy/synth.h"

static const au_synth_climate amiens = {
    .name = "Amiens (calibrated on Uccle TMYx 2007-2021)",
    .temp_c = {3.03763, 4.53512, 7.20954, 10.9646, 13.9711, 18.0568, 18.2972, 18.5969, 15.2107, 11.3282, 6.56847, 4.86828},
    .ghi_kwh_m2 = {24.64, 42.2, 93.959, 139.73, 160.098, 159.244, 156.165, 137.614, 94.741, 55.779, 29.68, 19.679},
    .wind10_m_s = {3.47581, 4.40164, 4.4668, 3.34875, 3.22258, 2.92903, 2.84812, 2.80659, 3.2225, 2.87984, 3.69847, 4.35632},
    .season = {
        {.k_rel_quantile = {0.112279, 0.173183, 0.231912, 0.297233, 0.404886, 0.621242, 0.824946, 1.06695, 1.18234, 1.32412, 1.43241, 1.67089, 1.72163, 1.79257, 1.84823},
         .sigma_t_c = 3.56563, .sigma_ln_wind = 0.398153,
         .phi = {0.30494, 0.82453, 0.506605}, .corr = {-0.548666, -0.340419, 0.664752},
         .t_amp_a_c = 0.831103, .t_amp_b_c = 1.44348, .t_peak_h = 15.1258,
         .wind_amp = 0.0647341, .wind_peak_h = 15.3738, .wind_sigma = 0.346343, .wind_phi = 0.66792},
        {.k_rel_quantile = {0.125891, 0.197855, 0.359083, 0.551069, 0.703065, 0.86542, 0.933184, 1.04704, 1.10457, 1.21686, 1.31083, 1.40008, 1.46628, 1.48797, 1.49129},
         .sigma_t_c = 3.30671, .sigma_ln_wind = 0.305902,
         .phi = {0.511567, 0.776988, 0.413207}, .corr = {0.0636442, -0.036996, 0.0491607},
         .t_amp_a_c = -0.155477, .t_amp_b_c = 7.51266, .t_peak_h = 14.6193,
         .wind_amp = 0.0978099, .wind_peak_h = 13.9882, .wind_sigma = 0.328735, .wind_phi = 0.569673},
        {.k_rel_quantile = {0.225844, 0.400541, 0.470412, 0.612621, 0.730761, 0.850017, 0.962446, 1.06133, 1.10986, 1.14738, 1.22618, 1.38774, 1.46199, 1.50179, 1.51031},
         .sigma_t_c = 2.72031, .sigma_ln_wind = 0.259518,
         .phi = {0.280893, 0.724493, 0.267743}, .corr = {0.457301, -0.00732414, 0.0100565},
         .t_amp_a_c = 0.435621, .t_amp_b_c = 7.44331, .t_peak_h = 14.5954,
         .wind_amp = 0.204804, .wind_peak_h = 13.3714, .wind_sigma = 0.349419, .wind_phi = 0.508503},
        {.k_rel_quantile = {0.177122, 0.308692, 0.355605, 0.401577, 0.592884, 0.786377, 0.97707, 1.05048, 1.10445, 1.24186, 1.33671, 1.50906, 1.60641, 1.70933, 1.71346},
         .sigma_t_c = 2.44928, .sigma_ln_wind = 0.507543,
         .phi = {0.0607458, 0.70967, 0.414082}, .corr = {-0.393355, -0.0993972, 0.0993618},
         .t_amp_a_c = 0.0594757, .t_amp_b_c = 6.19189, .t_peak_h = 14.2679,
         .wind_amp = 0.0888738, .wind_peak_h = 13.5371, .wind_sigma = 0.34146, .wind_phi = 0.68408},
    },
    .kc_clear = 1.00272, .kc_overcast = 0.223552, .sigma_overcast = 0.430668,
    .ghi_phi = 0.888523, .sky_width = 1.5,
};

const au_synth_climate *au_synth_amiens(void)
{
    return &amiens;
}
