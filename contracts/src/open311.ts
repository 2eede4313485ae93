import { type Static, Type } from 'typebox';

/**
 * Inputs of the Open311 GeoReport v2 server at /open311/v2 (form-encoded or JSON). Its
 * responses follow the GeoReport JSON Schemas (../shared/open311) and are checked against
 * them in the server's tests.
 */
export const Open311PostRequestBody = Type.Object(
  {
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
    service_code: Type.String({ minLength: 1, maxLength: 20 }),
    /** WGS84. */
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Type.Optional(Type.String({ maxLength: 300 })),
    address_id: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    device_id: Type.Optional(Type.String({ maxLength: 200 })),
    account_id: Type.Optional(Type.String({ maxLength: 200 })),
    first_name: Type.Optional(Type.String({ maxLength: 60 })),
    last_name: Type.Optional(Type.String({ maxLength: 60 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    media_url: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  // attribute[code]=value pairs (a matter's form fields) ride along.
  { additionalProperties: true },
);
export type Open311PostRequestBody = Static<typeof Open311PostRequestBody>;

export const Open311ApiKeyQuery = Type.Object({ api_key: Type.Optional(Type.String({ maxLength: 200 })) });

export const Open311RequestsQuery = Type.Object({
  /** Comma-separated ids; when given, the other filters are ignored. */
  service_request_id: Type.Optional(Type.String({ maxLength: 2000 })),
  /** One or more service codes, comma-separated. */
  service_code: Type.Optional(Type.String({ maxLength: 500 })),
  start_date: Type.Optional(Type.String({ format: 'date-time' })),
  end_date: Type.Optional(Type.String({ format: 'date-time' })),
  status: Type.Optional(Type.String({ pattern: '^(open|closed)(,(open|closed))*$' })),
  api_key: Type.Optional(Type.String({ maxLength: 200 })),
});
export type Open311RequestsQuery = Static<typeof Open311RequestsQuery>;

export const Open311FileParams = Type.Object({ file: Type.String({ maxLength: 200 }) });
