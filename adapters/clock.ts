// The service clock. FAKE_NOW starts it at a given instant and lets it run on (demos, tests).
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function clockFrom(fakeNow: string | undefined): Clock {
  if (!fakeNow) return systemClock;
  const offset = Date.parse(fakeNow) - Date.now();
  return () => new Date(Date.now() + offset);
}
