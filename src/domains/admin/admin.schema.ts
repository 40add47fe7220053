import { Type } from "typebox";

export const AuditEventQuerySchema = Type.Object({
  action: Type.Optional(
    Type.String({ maxLength: 200, description: "Only actions starting with this, e.g. `reference.`" }),
  ),
  subject: Type.Optional(Type.String({ maxLength: 200, description: "Only this subject type, e.g. `user`" })),
  before: Type.Optional(
    Type.String({ pattern: "^[1-9][0-9]{0,17}$", description: "Cursor: events older than this id" }),
  ),
});

const Json = Type.Unknown({ description: "JSON as recorded" });

export const AuditEventListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String({ format: "date-time" }),
      action: Type.String(),
      subjectType: Type.String(),
      subjectId: Type.Union([Type.String(), Type.Null()]),
      actor: Type.Union([
        Type.Object({
          id: Type.String(),
          name: Type.Union([Type.String(), Type.Null()]),
          email: Type.Union([Type.String(), Type.Null()]),
        }),
        Type.Null(),
      ]),
      before: Json,
      after: Json,
      ip: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  nextBefore: Type.Union([Type.String(), Type.Null()], { description: "Pass as `before` for the next page" }),
});
