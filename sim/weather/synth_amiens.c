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
        {.k_rel_quantile = {0.11234, 0.173665, 0.231717, 0.295524, 0.40251, 0.620218, 0.829004, 1.06926, 1.18711, 1.31754, 1.43019, 1.66302, 1.72347, 1.78243, 1.84417},
         .sigma_t_c = 3.56563, .sigma_ln_wind = 0.398153,
         .phi = {0.315278, 0.82453, 0.506605}, .corr = {-0.547881, -0.344666, 0.664752},
         .t_amp_a_c = 0.822622, .t_amp_b_c = 1.47277, .t_peak_h = 15.1258,
         .wind_amp = 0.0647341, .wind_peak_h = 15.3738, .wind_sigma = 0.346343, .wind_phi = 0.66792},
        {.k_rel_quantile = {0.125894, 0.196905, 0.357907, 0.551781, 0.703144, 0.861987, 0.931999, 1.04807, 1.10569, 1.21681, 1.3146, 1.40152, 1.4674, 1.49026, 1.49255},
         .sigma_t_c = 3.30671, .sigma_ln_wind = 0.305902,
         .phi = {0.517214, 0.776988, 0.413207}, .corr = {0.0601726, -0.0379719, 0.0491607},
         .t_amp_a_c = -0.155932, .t_amp_b_c = 7.51442, .t_peak_h = 14.6193,
         .wind_amp = 0.0978099, .wind_peak_h = 13.9882, .wind_sigma = 0.328735, .wind_phi = 0.569673},
        {.k_rel_quantile = {0.225755, 0.400588, 0.470592, 0.612847, 0.73101, 0.849868, 0.961665, 1.06122, 1.11051, 1.14756, 1.22603, 1.38725, 1.46195, 1.50255, 1.51086},
         .sigma_t_c = 2.72031, .sigma_ln_wind = 0.259518,
         .phi = {0.279994, 0.724493, 0.267743}, .corr = {0.457207, -0.00714235, 0.0100565},
         .t_amp_a_c = 0.437192, .t_amp_b_c = 7.44068, .t_peak_h = 14.5954,
         .wind_amp = 0.204804, .wind_peak_h = 13.3714, .wind_sigma = 0.349419, .wind_phi = 0.508503},
        {.k_rel_quantile = {0.175625, 0.309081, 0.353003, 0.402941, 0.58998, 0.782408, 0.985538, 1.04813, 1.10177, 1.24032, 1.32895, 1.50924, 1.60914, 1.70799, 1.72434},
         .sigma_t_c = 2.44928, .sigma_ln_wind = 0.507543,
         .phi = {0.0558793, 0.70967, 0.414082}, .corr = {-0.398749, -0.0999755, 0.0993618},
         .t_amp_a_c = 0.0637026, .t_amp_b_c = 6.17725, .t_peak_h = 14.2679,
         .wind_amp = 0.0888738, .wind_peak_h = 13.5371, .wind_sigma = 0.34146, .wind_phi = 0.68408},
    },
    .kc_clear = 0.953286, .kc_overcast = 0.231787, .sigma_overcast = 0.376937,
    .ghi_phi = 0.875541, .sky_width = 1.5,
    .split = {
        {-2.89587, 3.61515, 0.00143852, 3.59225, -1.08851},
        {-2.8261, 6.1587, -0.00612299, -0.00931972, 0.200631},
        {-2.60758, 5.71513, -0.00778991, -0.283257, 0.903176},
        {-2.58893, 5.85741, -0.00117757, -0.249694, 0.319963},
    },
    .split_month = {0.0821616, -0.0897722, 0.0088442, -0.0714116, 0.0469465, -0.132675, 0.024191, 0.0994828, 0.0117022, -0.0157495, -0.0920798, 0.0242533},
    .dni_kwh_m2 = {43.569, 61.22, 128.084, 156.157, 155.853, 136.099, 138.361, 145.966, 112.011, 72.013, 52.387, 35.506},
};

const au_synth_climate *au_synth_amiens(void)
{
    return &amiens;
}
