// Xiongmai search (UDP 34569 broadcast): 20-byte header, message id 1530, no body (python-dvr SearchXM).
import { XM_SEARCH_REQUEST, xmHeader } from '../../parsers/xiongmai.js';

export const XM_PORT = 34569;

export function xiongmaiProbe(): Buffer {
  return xmHeader(XM_SEARCH_REQUEST, 0);
}
