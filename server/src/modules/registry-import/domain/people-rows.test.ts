import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../registry/index.js';
import { mapColumns, unmappedRequired } from './people-columns.js';
import { checkPeopleRows, parseDay } from './people-rows.js';

const HEADERS = [
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '联系电话',
  '标准地址',
  '户号',
  '与户主关系',
  '人口类型',
  '迁入日期',
];
const ADDRESS = '江阴市澄江街道文定路1号1幢1单元101室';
const addresses = new Map([[ADDRESS, { dwellingId: 'd1', path: 'p/1' }]]);
const ID_MAN = makeIdNumber('320281', '19800101', 11); // odd sequence: a man
const ID_WOMAN = makeIdNumber('320281', '19820202', 12);

const row = (over: Partial<Record<(typeof HEADERS)[number], string>> = {}) => {
  const base: Record<string, string> = {
    姓名: '张伟',
    身份证号: ID_MAN,
    性别: '男',
    出生日期: '1980-01-01',
    联系电话: '13812345678',
    标准地址: ADDRESS,
    户号: 'H1',
    与户主关系: '户主',
    人口类型: '户籍人口',
    迁入日期: '',
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? '');
};

const check = (rows: string[][], existingHeads = new Map<string, number>()) =>
  checkPeopleRows({
    headers: HEADERS,
    rows,
    mapping: mapColumns(HEADERS),
    addresses,
    existingHeads,
    today: '2026-12-04',
  });

/** The one problem of a single-row file: its column and a word of its reason. */
function onlyProblem(over: Parameters<typeof row>[0]) {
  const { people, problems } = check([row(over)]);
  expect(people).toEqual([]);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  if (!problem) throw new Error('no problem');
  return problem;
}

describe('column matching', () => {
  it('matches headers by name or alias, ignoring asterisks, spaces and brackets; an override wins', () => {
    expect(mapColumns(['姓名*', ' 公民身份号码 ', '手机号', '地址（标准）', '备注'])).toEqual([
      'name',
      'idNumber',
      'phone',
      'address',
      null,
    ]);
    expect(mapColumns(['名称', '备注'], { 名称: 'name', 备注: null })).toEqual(['name', null]);
    // A field claimed twice keeps its first column.
    expect(mapColumns(['电话', '手机'])).toEqual(['phone', null]);
    expect(unmappedRequired(mapColumns(['姓名', '户号']))).toEqual(['address', 'relation', 'residence']);
  });
});

describe('checkPeopleRows: each kind of problem, named by row, column, value and reason', () => {
  it('passes a good row, with sex and birth date from the ID number when left empty', () => {
    const { people, problems } = check([row({ 性别: '', 出生日期: '' })]);
    expect(problems).toEqual([]);
    expect(people).toMatchObject([
      {
        row: 2,
        name: '张伟',
        idNumber: ID_MAN,
        sex: 'male',
        birthDate: '1980-01-01',
        relation: 'head',
        residence: 'registered',
        dwellingId: 'd1',
        path: 'p/1',
        householdKey: 'H1',
      },
    ]);
  });

  it('an ID number with a wrong check digit (GB 11643)', () => {
    const bad = `${ID_MAN.slice(0, 17)}${ID_MAN[17] === '0' ? '1' : '0'}`;
    expect(onlyProblem({ 身份证号: bad })).toEqual({
      row: 2,
      column: '身份证号',
      value: bad,
      reason: expect.stringContaining('校验位'),
    });
    expect(onlyProblem({ 身份证号: '32028119800101' }).reason).toContain('18位');
    expect(onlyProblem({ 身份证号: makeIdNumber('320281', '19800230', 11) }).reason).toContain('出生日期不存在');
  });

  it('an address that is no dwelling in scope', () => {
    expect(onlyProblem({ 标准地址: '江阴市无此路1号' })).toMatchObject({
      column: '标准地址',
      reason: expect.stringContaining('未找到'),
    });
  });

  it('a bad date, a date in the future, a birth date the ID number contradicts', () => {
    expect(onlyProblem({ 身份证号: '', 出生日期: '1990-02-30' })).toMatchObject({
      column: '出生日期',
      value: '1990-02-30',
    });
    expect(onlyProblem({ 迁入日期: '2030-01-01' }).reason).toContain('晚于今天');
    expect(onlyProblem({ 出生日期: '1980-01-02' }).reason).toContain('不一致');
    expect(parseDay('2020年5月1日')).toBe('2020-05-01');
    expect(parseDay('20200501')).toBe('2020-05-01');
    expect(parseDay('2020/5/1')).toBe('2020-05-01');
    expect(parseDay('5/1/2020')).toBeNull();
  });

  it('a sex, relation or residence kind outside the lists; a sex the ID number contradicts', () => {
    expect(onlyProblem({ 性别: '未知' })).toMatchObject({ column: '性别', reason: expect.stringContaining('男') });
    expect(onlyProblem({ 性别: '女' }).reason).toContain('不一致');
    expect(onlyProblem({ 与户主关系: '朋友' })).toMatchObject({ column: '与户主关系' });
    expect(onlyProblem({ 人口类型: '常住人口x' })).toMatchObject({ column: '人口类型' });
    expect(check([row({ 人口类型: '流动' })]).people[0]?.residence).toBe('floating');
  });

  it('a required field left empty', () => {
    expect(onlyProblem({ 姓名: '' })).toMatchObject({ column: '姓名', value: '', reason: '姓名必须填写' });
    expect(onlyProblem({ 户号: ' ' })).toMatchObject({ column: '户号' });
    // Without an ID number, sex and birth date are required.
    expect(onlyProblem({ 身份证号: '', 性别: '' }).column).toBe('性别');
  });

  it('a bad phone', () => {
    expect(onlyProblem({ 联系电话: '12345' })).toMatchObject({ column: '联系电话', value: '12345' });
    expect(check([row({ 联系电话: '0510-86801234' })]).problems).toEqual([]);
  });

  it('an ID number twice in the file: the later row names the earlier', () => {
    const { people, problems } = check([row(), row({ 户号: 'H2', 姓名: '李四' })]);
    expect(people.map((p) => p.row)).toEqual([2]);
    expect(problems).toEqual([{ row: 3, column: '身份证号', value: ID_MAN, reason: expect.stringContaining('第2行') }]);
  });

  it('a household with two heads or none; a head it already has from an earlier import counts', () => {
    const two = check([row(), row({ 身份证号: ID_WOMAN, 性别: '女', 出生日期: '', 姓名: '王芳' })]);
    expect(two.people).toEqual([]);
    expect(two.problems.map((p) => [p.row, p.column, p.reason.includes('2名户主')])).toEqual([
      [2, '与户主关系', true],
      [3, '与户主关系', true],
    ]);
    const none = check([row({ 与户主关系: '配偶' })]);
    expect(none.problems[0]?.reason).toContain('没有户主');
    // The household H1 of this dwelling already has its head: a spouse joins it, a second head does not.
    const heads = new Map([['d1|H1', 1]]);
    expect(check([row({ 与户主关系: '配偶' })], heads).problems).toEqual([]);
    expect(check([row()], heads).problems[0]?.reason).toContain('2名户主');
  });

  it('a registered number is no new head: the row passes (to be found registered or reviewed), its members cannot join', () => {
    const registered = new Set([ID_MAN]);
    const rows = [row(), row({ 身份证号: ID_WOMAN, 性别: '女', 出生日期: '', 姓名: '王芳', 与户主关系: '配偶' })];
    const alone = checkPeopleRows({
      headers: HEADERS,
      rows: [row()],
      mapping: mapColumns(HEADERS),
      addresses,
      existingHeads: new Map(),
      registered,
      today: '2026-12-04',
    });
    expect(alone.problems).toEqual([]);
    const family = checkPeopleRows({
      headers: HEADERS,
      rows,
      mapping: mapColumns(HEADERS),
      addresses,
      existingHeads: new Map(),
      registered,
      today: '2026-12-04',
    });
    expect(family.problems.map((p) => [p.row, p.reason.includes('户主已登记')])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it('a placeholder ID number is no number: never matched, sex and birth date then required', () => {
    const { people, problems } = check([row({ 身份证号: '无' }), row({ 身份证号: '000000000000000000', 户号: 'H2' })]);
    expect(problems).toEqual([]);
    expect(people.map((p) => p.idNumber)).toEqual([null, null]);
  });

  it('names every bad cell of a row, and skips blank lines', () => {
    const { problems } = check([row({ 性别: '?', 联系电话: 'x', 姓名: '' }), HEADERS.map(() => '')]);
    expect(problems.map((p) => p.column).sort()).toEqual(['姓名', '性别', '联系电话'].sort());
  });
});
