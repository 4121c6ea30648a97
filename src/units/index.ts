export * from "./constants.js";
export { type Dimension, type DimensionName, dimensions, withArticle } from "./dimensions.js";
export { type UnitsLibrary, unitsLibrary } from "./library.js";
export { plausibilityWarning } from "./plausibility.js";
export { formatQuantity, type ParsedQuantity, parseQuantity, type QuantityInput } from "./quantity.js";
export {
  checkingPlausibility,
  describe,
  PLAUSIBILITY,
  positiveQuantity,
  quantity,
} from "./quantitySchema.js";
