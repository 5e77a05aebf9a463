// Dahua DVRIP "version 1" search (UDP 5050, limited broadcast): the 32-byte 0xa3 request.
export { DVRIP_PORT, dvripSearchPacket as dvripProbe } from '../../parsers/dvrip.js';
