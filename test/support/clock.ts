/** A clock tests move by hand. Starts at real time so data looks current. */
export class FakeClock {
  private t: number;
  constructor(start: Date = new Date()) {
    this.t = start.getTime();
  }
  now = (): Date => new Date(this.t);
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
