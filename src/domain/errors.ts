/**
 * A rule of the domain was broken by the input. `field` names the offending input (a dotted
 * path such as `answers.8`), so the HTTP layer can answer 400 naming the field.
 */
export class DomainError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
