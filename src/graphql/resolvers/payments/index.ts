/** Resolvers of the fees and payments area. */
export const paymentResolvers: Function[] = [];
