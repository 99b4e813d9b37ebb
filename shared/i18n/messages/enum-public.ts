import type { Translation } from '../translator';

/*
 * `enum.<enumName>.<code>` labels the embedded widget shows (feedback type, satisfaction); all
 * other enum labels are in enum-staff.ts. zh-CN uses the DOMAIN.md term exactly.
 */

/** English labels the widget shows. */
export const en = {
  'enum.category.feature_request': 'Feature request',
  'enum.category.service_experience': 'Service experience',
  'enum.category.product_defect': 'Product defect',
  'enum.category.other': 'Other',
  'enum.satisfaction.satisfied': 'Satisfied',
  'enum.satisfaction.basically_satisfied': 'Basically satisfied',
  'enum.satisfaction.dissatisfied': 'Dissatisfied',
} as const;

/** Simplified Chinese labels the widget shows. */
export const zhCN = {
  'enum.category.feature_request': '功能需求',
  'enum.category.service_experience': '服务体验',
  'enum.category.product_defect': '产品缺陷',
  'enum.category.other': '其他',
  'enum.satisfaction.satisfied': '满意',
  'enum.satisfaction.basically_satisfied': '基本满意',
  'enum.satisfaction.dissatisfied': '不满意',
} as const satisfies Translation<typeof en>;
