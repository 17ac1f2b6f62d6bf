/* units.h: quantities with units, as scenario files write them ("12 MW",
 * "1.2 TWh", "-1.5 %/yr", "0.74 EUR/W"), converted to the model's internal
 * units (MODEL.md §9).
 *
 * Each quantity has a dimension; each dimension has one internal unit:
 *
 *   dimension            internal unit   accepted units
 *   AU_DIM_NUMBER        1               none (a plain number)
 *   AU_DIM_FRACTION      1               none, %
 *   AU_DIM_POWER         MW              W kW MW GW, Wp kWp MWp GWp
 *   AU_DIM_ENERGY        MWh             Wh kWh MWh GWh TWh, MJ GJ TJ, toe ktoe
 *   AU_DIM_ANNUAL_RATE   1/yr            %/yr /yr
 *   AU_DIM_HOURLY_RATE   1/h             %/h /h %/day /day
 *   AU_DIM_TEMPERATURE   °C              C degC °C K
 *   AU_DIM_TEMP_COEFF    1/K             %/K /K %/C %/°C
 *   AU_DIM_TEMP_CHANGE   K               K C degC °C (a difference: no offset)
 *   AU_DIM_ANGLE         degree          deg °
 *   AU_DIM_LENGTH        m               m km
 *   AU_DIM_SPEED         m/s             m/s km/h
 *   AU_DIM_HOURS         h               h
 *   AU_DIM_YEARS         yr              yr
 *   AU_DIM_DISTANCE      km              km Mkm Gkm (vehicle-km: vkm Mvkm Gvkm)
 *   AU_DIM_SPECIFIC_USE  kWh/km          Wh/km kWh/km kWh/100km
 *   AU_DIM_COST_POWER    EUR/MW          EUR/W EUR/kW EUR/MW
 *   AU_DIM_COST_ENERGY   EUR/MWh         EUR/kWh EUR/MWh
 *   AU_DIM_COST_POWER_YR EUR/MW/yr       EUR/kW/yr EUR/MW/yr
 *   AU_DIM_COST_ENERGY_YR EUR/MWh/yr     EUR/kWh/yr EUR/MWh/yr (storage capacity)
 *   AU_DIM_JOBYR_POWER   job-yr/MW       job-yr/kW job-yr/MW job-yr/GW (job-years per MW installed)
 *   AU_DIM_JOBYR_ENERGY  job-yr/MWh      job-yr/kWh job-yr/MWh job-yr/GWh job-yr/TJ job-yr/PJ
 *   AU_DIM_JOBS_POWER    job/MW          job/kW job/MW job/GW (jobs per MW in service)
 *   AU_DIM_JOBS_ENERGY   job/MWh         job/kWh job/MWh job/GWh (jobs per MWh of storage)
 *   AU_DIM_EMISSION      kgCO2/MWh       gCO2/kWh kgCO2/MWh tCO2/MWh (and g/kWh ...)
 *   AU_DIM_DEGREE_DAYS   K·day           K.day K·day (degree-days), K.h K·h (degree-hours)
 *
 * "EUR" may be written "€", and money may carry a k or M prefix (kEUR, MEUR);
 * "job" may be written "jobs" and "job-yr" "job-years" (an FTE job over a year).
 * Decimal prefixes are applied to the decimal text of the number, so a
 * conversion by a power of ten is exact: "2.385 GWh" is exactly 2385 MWh. */
#ifndef AUTONOMY_UNITS_H
#define AUTONOMY_UNITS_H

#include <stddef.h>
#include "autonomy/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AU_DIM_NUMBER,
    AU_DIM_FRACTION,
    AU_DIM_POWER,
    AU_DIM_ENERGY,
    AU_DIM_ANNUAL_RATE,
    AU_DIM_HOURLY_RATE,
    AU_DIM_TEMPERATURE,
    AU_DIM_TEMP_COEFF,
    AU_DIM_ANGLE,
    AU_DIM_LENGTH,
    AU_DIM_SPEED,
    AU_DIM_HOURS,
    AU_DIM_YEARS,
    AU_DIM_DISTANCE,
    AU_DIM_SPECIFIC_USE,
    AU_DIM_COST_POWER,
    AU_DIM_COST_ENERGY,
    AU_DIM_COST_POWER_YR,
    AU_DIM_EMISSION,
    AU_DIM_DEGREE_DAYS,
    AU_DIM_COST_ENERGY_YR,
    AU_DIM_JOBYR_POWER,
    AU_DIM_JOBYR_ENERGY,
    AU_DIM_JOBS_POWER,
    AU_DIM_JOBS_ENERGY,
    AU_DIM_TEMP_CHANGE,
    AU_DIM_COUNT
} au_dim;

/* A name for the dimension ("a power") and the list of its accepted units
 * ("W, kW, MW, GW"), for messages.  Never NULL. */
const char *au_dim_name(au_dim dim);
const char *au_dim_units(au_dim dim);

/* The unit values of dimension dim are held in ("MW"; "" for plain numbers
 * and fractions), as the table at the top of this file gives it.  Never
 * NULL. */
const char *au_dim_internal_unit(au_dim dim);

/* Parses "NUMBER [UNIT]" (spaces around and between allowed) as a quantity
 * of dimension dim and stores it in *value in the internal unit.
 * Returns AU_OK; AU_EUNIT when the unit is missing or not one of dim's
 * (why then says which and what was expected); AU_EINVAL when the text is
 * not a finite number followed by a unit.  *value is untouched on error.
 * why may be NULL; otherwise it receives a message of at most why_len bytes. */
au_status au_quantity_parse(const char *text, au_dim dim, double *value,
                            char *why, size_t why_len);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_UNITS_H */
