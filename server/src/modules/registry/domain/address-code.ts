/**
 * A standard address's code (标准地址编码): the community's region code (12 digits) followed
 * by the road or community part, the door number, building, unit and room, each fixed-width
 * and zero-padded, so codes sort by place and one address has exactly one code. Parts that do
 * not apply (a shop has no unit) are zeros. Widths: road 4, number 4, building 3, unit 2, room 4.
 */
export interface AddressParts {
  regionCode: string;
  roadCode: number;
  number: number;
  building: number;
  unit: number;
  room: number;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function standardAddressCode(parts: AddressParts): string {
  return [
    parts.regionCode,
    pad(parts.roadCode, 4),
    pad(parts.number, 4),
    pad(parts.building, 3),
    pad(parts.unit, 2),
    pad(parts.room, 4),
  ].join('');
}

/** Text the same address may be written in: spaces and full-width digits do not make another address. */
export const normalizeAddressText = (text: string): string =>
  text
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[号]楼/g, '幢')
    .replace(/栋/g, '幢');
