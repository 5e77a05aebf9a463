// Which captured value describes the device best when several rules capture the same thing (issue 14, round 2):
// what the device reports about itself beats what is taken apart from another identifier. A model the device
// states in a model field (ONVIF Model, UPnP modelName, SADP DeviceDescription …) is "self-reported"; a model
// cut out of a serial number, a friendly name, a realm, a title or a banner is "derived", and only fills a gap.
//
// The default follows the observation field the rule read (docs/observations.md: the fields below are where a
// device states that property itself); a rule overrides it with `captureSource` when its pattern reads a labelled
// key inside a wider field (magicBox `type=…` in an HTTP body) or cuts another value out of a self-reported one.
import type { CaptureName } from './schema.js';

export type CaptureSource = 'self-reported' | 'derived';

/** Per capture name: the observation fields in which a device states that property itself. */
export const SELF_REPORTED_FIELDS: Readonly<Record<CaptureName, ReadonlySet<string>>> = {
  model: new Set([
    'onvif.model', 'isapi.model', 'upnp.modelName', 'upnp.modelNumber', 'sadp.DeviceDescription', 'dhip.DeviceType',
    'dvrip.model', 'dvrip.deviceType', 'xiongmai.DeviceModel', 'xiongmai.HardWare', 'doc.model', 'homekit.model',
    'ubiquiti.model', 'ubiquiti.product', 'dahuacgi.type', 'dahuacgi.deviceType', 'dahuacgi.Model', 'wsd.scope.hardware',
    'mdns.txt.md', 'mdns.txt.model', 'mdns.txt.modelname',
  ]),
  firmware: new Set([
    'onvif.firmwareVersion', 'isapi.firmwareVersion', 'upnp.firmwareVersion', 'sadp.SoftwareVersion', 'dhip.Version',
    'xiongmai.SoftWareVersion', 'doc.firmware', 'homekit.firmwareRevision', 'ubiquiti.firmware', 'dahuacgi.version',
  ]),
  serial: new Set([
    'onvif.serialNumber', 'isapi.serialNumber', 'upnp.serialNumber', 'sadp.DeviceSN', 'dhip.SerialNo', 'xiongmai.SerialNo',
    'xiongmai.SN', 'doc.serial', 'homekit.serialNumber', 'dahuacgi.serialNumber', 'dahuacgi.SerialNo',
  ]),
  brand: new Set(['dhip.Vendor', 'dhip.Manufacturer', 'dahuacgi.vendor', 'doc.brand']),
  mac: new Set([
    'neigh.mac', 'sadp.MAC', 'dhip.mac', 'xiongmai.MAC', 'isapi.macAddress', 'upnp.macAddress', 'onvif.macs', 'wsd.scope.mac',
    'dvrip.mac', 'doc.mac', 'ubiquiti.macs', 'ubiquiti.mac',
  ]),
};

/** Rank of one captured value: 2 self-reported, 1 derived (a rule's `captureSource` wins over the field default). */
export function captureRank(name: string, field: string, declared?: CaptureSource): number {
  if (declared) return declared === 'self-reported' ? 2 : 1;
  const fields = SELF_REPORTED_FIELDS[name as CaptureName];
  return fields?.has(field) ? 2 : 1;
}
