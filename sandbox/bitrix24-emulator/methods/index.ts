import { basicMethods } from './basic.js';
import { bizprocMethods } from './bizproc.js';
import { crmMethods } from './crm.js';
import type { MethodTable } from './define.js';
import { imconnectorMessageMethods } from './imconnector-messages.js';
import { imconnectorMethods } from './imconnector.js';
import { messageserviceMethods } from './messageservice.js';
import { openlinesMethods } from './openlines.js';

/** Every REST method the emulator implements; anything else is ERROR_METHOD_NOT_FOUND. */
export const allMethods: MethodTable = {
  ...basicMethods,
  ...imconnectorMethods,
  ...imconnectorMessageMethods,
  ...openlinesMethods,
  ...messageserviceMethods,
  ...bizprocMethods,
  ...crmMethods,
};
