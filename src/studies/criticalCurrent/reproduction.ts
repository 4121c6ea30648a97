import type { Reproduction } from "../types.js";

export const zhangCriticalCurrent: Reproduction = {
  id: "critical-current/zhang2024",
  title: "Zhang2024 Figs 2-4: creep pressure and critical current versus contour",
  run() {
    return { rows: [], results: [], figures: [] };
  },
};
