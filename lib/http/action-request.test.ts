import { ACTION_BODY_LIMIT_BYTES, checkActionBody, isActionRequest } from './action-request';

const fetchAction = new Headers({
  'next-action': 'abc123',
  'content-type': 'multipart/form-data; boundary=x',
});
const noJs = new Headers({ 'content-type': 'multipart/form-data; boundary=x' });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('server-action requests', () => {
  it('lets through what the browser sends for a useActionState form', () => {
    const body = form({
      '0': JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']),
      _1_movieId: '1',
      _1_rating: '4',
    });
    expect(checkActionBody(fetchAction, { size: 200, form: body })).toBeNull();
    const noJsForm = form({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"abc","bound":"$@1"}', movieId: '1' });
    expect(checkActionBody(noJs, { size: 200, form: noJsForm })).toBeNull();
  });

  it.each([
    ['0=[]', form({ '0': '[]' })],
    ['[null,{}]', form({ '0': '[null,{}]' })],
    ['a root that is not JSON', form({ '0': '[' })],
    ['no root', form({ _1_rating: '4' })],
    ['three arguments', form({ '0': '[{},"$K1","$K2"]' })],
  ])('refuses malformed arguments (%s) with a 400', (_name, body) => {
    expect(checkActionBody(fetchAction, { size: 10, form: body })).toEqual({
      status: 400,
      message: expect.any(String),
    });
  });

  it('refuses a text body (no FormData can be in it) and the no-JS $ACTION_ID_ form', () => {
    expect(
      checkActionBody(new Headers({ 'next-action': 'x', 'content-type': 'text/plain' }), {
        size: 9,
        form: null,
      })?.status,
    ).toBe(400);
    expect(
      checkActionBody(noJs, { size: 9, form: form({ $ACTION_ID_abc: '', movieId: '1', rating: '4' }) })
        ?.status,
    ).toBe(400);
  });

  it('refuses a body over 1 MB with a 413', () => {
    expect(checkActionBody(fetchAction, { size: ACTION_BODY_LIMIT_BYTES + 1, form: null })?.status).toBe(413);
  });

  it('knows an action request when it sees one', () => {
    expect(isActionRequest('POST', fetchAction)).toBe(true);
    expect(isActionRequest('POST', noJs)).toBe(true);
    expect(isActionRequest('GET', fetchAction)).toBe(false);
    expect(isActionRequest('POST', new Headers({ 'content-type': 'application/json' }))).toBe(false);
  });
});
