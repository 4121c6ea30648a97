export {
  ALKALI_SURFACES,
  type Environment,
  type Orientation,
  type OrientationData,
} from "./alkaliSurfaces.js";
export { type AlloyFilmMaterial, MAGNESIUM_FILM } from "./alloyFilms.js";
export { LITHIUM } from "./lithium.js";
