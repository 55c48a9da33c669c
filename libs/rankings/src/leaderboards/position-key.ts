import { parsePosition } from '#libs/event-store';

const DIGITS = 20;

/**
 * A serialized log position as a string that sorts like the position (both parts zero-padded to the 20
 * digits of an unsigned 64-bit number), so a Lua script can compare two with `<`. Null sorts first.
 */
export const positionKey = (position: string | null): string => {
  if (position === null) return '';
  const { commit, prepare } = parsePosition(position);
  return `${commit.toString().padStart(DIGITS, '0')}/${prepare.toString().padStart(DIGITS, '0')}`;
};
