// The platform layer: the only place camaudit asks the operating system about its network.
// Everything else stays platform-free and calls these.
export { listInterfaces, selectInterfaces, allIpv4Interfaces } from './interfaces.js';
export { readNeighbours, readNeighbourTable, type Neighbour, type NeighbourReading, type NeighbourAttempt } from './neighbours.js';
export { parseProcNetArp } from './parsers/proc-net-arp.js';
export { parseIpNeighJson } from './parsers/ip-neigh-json.js';
export { parseArpA } from './parsers/arp-a-windows.js';
export { parseGetNetNeighbor } from './parsers/get-netneighbor.js';
export { parseArpAn } from './parsers/arp-an.js';
export type { NeighbourEntry } from './parsers/neighbour.js';
export { normaliseMac } from './mac.js';
export { networkCidr, maskToPrefix } from './ipv4.js';
export { canMulticast, type MulticastCheck } from './multicast.js';
export { supportsColor, supportsProgressLine, supportsVt } from './terminal.js';
