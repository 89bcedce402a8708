/**
 * NOTES 2.5: baseOffset 0, leader epoch -1, CreateTime, base = max timestamp 1700000000000, no
 * producer id, one record key "key" value "value"; built by hand and checked against
 * kafka-python's encoder and CRC validator (CRC db5e9cdd).
 */
export const vector25 = Buffer.from(
  (
    '0000000000000000 00000040 ffffffff 02 db5e9cdd 0000 00000000' +
    '0000018bcfe56800 0000018bcfe56800 ffffffffffffffff ffff ffffffff 00000001' +
    '1c 00 00 00 06 6b6579 0a 76616c7565 00'
  ).replace(/ /g, ''),
  'hex',
);
