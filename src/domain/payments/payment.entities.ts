/** Entities of the fees and payments area (ATS-14..17, 20, 32..35, 47, 48; DEC-P1, DEC-P2). */
export const paymentEntities: Function[] = [];
