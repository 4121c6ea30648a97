import { z } from "zod";
import { contourFields, refineContour } from "../shared/contours.js";

export const interface3dSchema = z.strictObject(contourFields).superRefine(refineContour);

export type Interface3dParams = z.output<typeof interface3dSchema>;
