export {
  ALKALI_SURFACES,
  type Environment,
  type Orientation,
  type OrientationData,
} from "./alkaliSurfaces.js";
export { type AlloyFilmMaterial, MAGNESIUM_FILM } from "./alloyFilms.js";
export { ALLOYING_METALS, type AlloyingMetal, BULK_MODULUS_Pa, MAGNESIUM } from "./alloyingMetals.js";
export { LITHIUM } from "./lithium.js";
