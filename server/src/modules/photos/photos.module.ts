import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { photoStorageFor } from './photo-storage-for.js';
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
      // Said to a resident or a worker holding a phone: what to do, not how files are judged.
      'zh-CN': '这个文件不是照片，无法上传。请拍一张照片，或从相册里选一张照片（JPG、PNG 或 WebP 格式）。',
      'en-US':
        'This file is not a photo and cannot be uploaded. Please take a photo or choose one from your album (JPG, PNG or WebP).',
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
