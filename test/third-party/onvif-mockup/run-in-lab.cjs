// Starts agsh/onvif's serverMockup.js (unchanged, MIT) as the one device of a camaudit lab: the lab starts this
// with its emulator config file as the last argument (src/lab/lab.ts startResponder). The mockup takes its
// address and port from HOSTNAME/PORT, and joins the WS-Discovery group without naming an interface; in the lab's
// device namespace the group has no route in the main table, so the join is given the device's address here.
'use strict';
const fs = require('node:fs');
const dgram = require('node:dgram');

const config = JSON.parse(fs.readFileSync(process.argv[process.argv.length - 1], 'utf8'));
const device = config.devices[0];
process.env.HOSTNAME = device.ip;
process.env.PORT = process.env.MOCKUP_PORT || '80';

const addMembership = dgram.Socket.prototype.addMembership;
dgram.Socket.prototype.addMembership = function (group, iface) {
  return addMembership.call(this, group, iface || device.ip);
};

const mockup = require('./serverMockup.js');
mockup.server.on('listening', () => process.stdout.write('READY\n'));
if (mockup.server.listening) process.stdout.write('READY\n');
const stop = () => {
  mockup.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
