/** Physical constants, SI, exact values of the 2019 SI redefinition (CODATA 2018). */
export const FARADAY = 96485.33212; // C/mol
export const GAS_CONSTANT = 8.314462618; // J/(mol K)
export const BOLTZMANN = 1.380649e-23; // J/K
export const ELEMENTARY_CHARGE = 1.602176634e-19; // C
export const AVOGADRO = 6.02214076e23; // 1/mol
