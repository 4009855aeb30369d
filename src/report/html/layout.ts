/**
 * Shared horizontal geometry: the space-time diagram and the partition charts use the same width
 * and plot margins, so one instant sits at the same x in both and they read as one picture.
 */
export const FIGURE_WIDTH = 1200;
export const PLOT_LEFT = 132;
export const PLOT_RIGHT = FIGURE_WIDTH - 28;
