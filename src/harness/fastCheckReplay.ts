/**
 * What names one fast-check run: the master seed and the path to the counterexample. fast-check
 * takes the seed modulo 2^32, so only 32-bit unsigned seeds name distinct runs — anything larger
 * or negative would silently replay another one. A path is the step indices fast-check printed,
 * joined by colons ("1:11:0:1").
 */
export const FAST_CHECK_SEED_MAX = 0xffffffff;

export const FAST_CHECK_PATH_PATTERN = /^\d+(:\d+)*$/;

export const FAST_CHECK_PATH_RULE = 'whole numbers joined by ":", e.g. "1:11:0:1"';
