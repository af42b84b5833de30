/** Where "now" comes from. Tests pass a fake one; nothing else calls `new Date()` for business time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
