/** The design the screen is laid out at: every panel has a fixed place on a 1920×1080 stage. */
export const DESIGN = { width: 1920, height: 1080 } as const;

/**
 * How the stage fits a viewport: one scale for both axes (never stretched), the smaller of
 * the two ratios, centred with bars on the two other sides (letterboxed). A 3840×2160 wall
 * shows the same layout at scale 2.
 */
export function fitStage(width: number, height: number): { scale: number; left: number; top: number } {
  const scale = Math.min(width / DESIGN.width, height / DESIGN.height);
  if (!(scale > 0)) return { scale: 1, left: 0, top: 0 };
  return {
    scale,
    left: Math.round((width - DESIGN.width * scale) / 2),
    top: Math.round((height - DESIGN.height * scale) / 2),
  };
}
