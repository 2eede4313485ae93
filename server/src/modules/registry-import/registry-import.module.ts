import type { Module } from '../../platform/http.js';
import { registryImportJobs } from './registry-import.jobs.js';
import { registryImportRoutes } from './registry-import.routes.js';
import * as tables from './registry-import.tables.js';

/**
 * Registry import (issue 11 item 3): a template per kind, column matching, a dry run naming every
 * bad cell, the run as a background job with progress, the failed rows with reasons to fix and
 * re-import, idempotent re-import, ID-number clashes to a merge review queue (never overwritten,
 * never merged by itself), and the people list's Excel export. Writes through the registry's face.
 */
export const registryImportModule = {
  name: 'registry-import',
  tables,
  errors: {
    'import-file-unreadable': {
      status: 422,
      'zh-CN': '无法读取这个文件，请上传 Excel（.xlsx）或 CSV 文件（可先下载模板）。',
      'en-US': 'This file cannot be read; upload an Excel (.xlsx) or CSV file (the template helps).',
    },
    'import-file-empty': {
      status: 422,
      'zh-CN': '文件里没有数据：第一行应为表头，从第二行起每行一条（一人、一栋楼、一套房屋、一个组织或一个部件）。',
      'en-US':
        'The file holds no data: headers in the first row, one record (person, building, dwelling, organization or facility) per row below.',
    },
    'import-file-too-long': {
      status: 422,
      'zh-CN': '文件有 {rows} 行，一次最多导入 {max} 行，请分成几个文件。',
      'en-US': 'The file has {rows} rows; at most {max} per import — split it into several files.',
    },
    'import-file-too-large': {
      status: 413,
      'zh-CN': '文件超过 {limitMb} MB，请分成几个文件导入。',
      'en-US': 'The file is larger than {limitMb} MB; split it into several files.',
    },
    'import-columns-missing': {
      status: 422,
      'zh-CN': '没有找到这些必填列：{columns}。请按模板的表头命名，或在列对应中指定。',
      'en-US': 'These required columns are missing: {columns}. Name them as the template does, or map them.',
    },
    'import-already-started': {
      status: 409,
      'zh-CN': '这次导入已经开始了，不会重复导入。',
      'en-US': 'This import has already been started; it is not run twice.',
    },
    'merge-review-decided': {
      status: 409,
      'zh-CN': '这条冲突已经处理过了。',
      'en-US': 'This clash has already been decided.',
    },
  },
  jobs: registryImportJobs,
  apiRoutes: registryImportRoutes,
} satisfies Module;
