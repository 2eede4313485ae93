import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { photoStorageFor } from './photo-storage.js';
import { photosRoutes } from './photos.routes.js';
import { photoSettingsFrom } from './photos.settings.js';
import * as tables from './photos.tables.js';

export const photosModule = {
  name: 'photos',
  tables,
  permissions: {
    'photos.upload': [...STAFF_ROLES, 'resident'],
    'photos.read': [...STAFF_ROLES, 'resident'],
    'photos.original': ['operator', 'supervisor'],
  },
  errors: {
    'photo-too-large': {
      status: 413,
      'zh-CN': '照片过大，最大 {limitMb} MB。请压缩后重新上传。',
      'en-US': 'The photo is too large: at most {limitMb} MB. Please compress it and upload it again.',
    },
    'photo-type-not-accepted': {
      status: 415,
      'zh-CN': '只接受 JPEG、PNG 或 WebP 格式的照片（按文件内容判断，与文件名和声明的类型无关）。',
      'en-US':
        'Only JPEG, PNG or WebP photos are accepted (judged by the file’s content, not its name or declared type).',
    },
    'photo-unreadable': {
      status: 422,
      'zh-CN': '文件看起来是图片，但已损坏或不完整，无法读取。请重新拍摄或选择其他照片。',
      'en-US':
        'The file looks like an image but is damaged or incomplete and cannot be read. Please take or choose another photo.',
    },
    'photo-too-many-pixels': {
      status: 422,
      'zh-CN': '照片尺寸过大（{width}×{height} 像素），最多 {maxMegapixels} 百万像素。请缩小后重新上传。',
      'en-US':
        'The photo is too large: {width}×{height} pixels, at most {maxMegapixels} megapixels. Please scale it down and upload it again.',
    },
  },
  apiRoutes: (app, { config, database }) =>
    photosRoutes(app, {
      db: database.db,
      storage: photoStorageFor(config),
      settings: photoSettingsFrom(process.env),
    }),
} satisfies Module;
