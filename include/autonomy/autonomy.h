/* autonomy.h: the public API of libautonomy, in one include.
 *
 * autonomy tells a city in which year it becomes energy-autonomous: it reads
 * XML scenarios, simulates the territory hour by hour for every year of the
 * horizon and reports the year the autonomy criterion is reached and kept.
 * See README.md and ../shared/MODEL.md for what is computed. */
#ifndef AUTONOMY_AUTONOMY_H
#define AUTONOMY_AUTONOMY_H

#include "autonomy/error.h"
#include "autonomy/units.h"
#include "autonomy/trajectory.h"
#include "autonomy/scenario.h"
#include "autonomy/version.h"

#endif /* AUTONOMY_AUTONOMY_H */
