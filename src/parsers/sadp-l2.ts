// Hikvision SADP over Ethernet (EtherType 0x8033), the layer-2 form the SADP tool and the devices speak beside the
// UDP 37020 XML form. Header layout from the public Wireshark dissector MatrixEditor/hiktools lua/sadp.lua and
// hiktools/csadp/model.py (MIT): marker 0x21, packet type (1 response, 2 request), 0x01, origin prefix (0x42 tool, 0xf6 device),
// counter, 0x0604 marker, query type, parameters, checksum, then the sender's MAC and IPv4, the destination's MAC and
// IPv4, the subnet mask; the body after byte 38 is not publicly decoded and is not read. Input: the frame body
// after the EtherType. Only what the header says is kept; [] for anything that is not that header.
import type { ParsedEvidence } from '../core/observation.js';

export const SADP_ETHERTYPE = 0x8033;
const HEADER = 38;

const QUERY_TYPES: Record<number, string> = {
  0x02: 'DeviceOnlineRequest',
  0x03: 'Inquiry',
  0x04: 'InquiryResponse',
  0x06: 'UpdateIP',
  0x07: 'UpdateIPResponse',
  0x0a: 'ResetPassword',
  0x0b: 'ResetPasswordResponse',
  0x0c: 'CMSInfo',
  0x0d: 'CMSInfoResponse',
  0x10: 'ModifyNetParam',
  0x11: 'ModifyNetParamResponse',
};

const macAt = (b: Buffer, o: number): string => [...b.subarray(o, o + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ipAt = (b: Buffer, o: number): string => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

export function parse(input: Buffer | string): ParsedEvidence[] {
  const b = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  // Marker 0x21 and the 0x0604 marker at byte 8 (hiktools: "(default)") tell the header from other 0x8033 users.
  if (b.length < HEADER || b[0] !== 0x21 || b.readUInt16BE(8) !== 0x0604) return [];
  const type = b[1]! & 0x0f;
  const origin = b[3]!;
  const query = b[10]!;
  const queryType = QUERY_TYPES[query] ?? `0x${query.toString(16).padStart(2, '0')}`;
  return [
    {
      kind: 'sadpeth',
      fields: {
        packetType: type === 1 ? 'response' : type === 2 ? 'request' : String(type),
        // 0x42 is the SADP tool (hiktools CLIENT_PREFIX), 0xf6 a device (SERVER_PREFIX).
        origin: origin === 0xf6 ? 'device' : origin === 0x42 ? 'tool' : `0x${origin.toString(16)}`,
        queryType,
        mac: macAt(b, 14),
        ipv4: ipAt(b, 20),
        subnetMask: ipAt(b, 34),
      },
    },
  ];
}
