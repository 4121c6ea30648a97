export { type AlloyFilmMaterial, MAGNESIUM_FILM } from "./alloyFilms.js";
export { LITHIUM } from "./lithium.js";
