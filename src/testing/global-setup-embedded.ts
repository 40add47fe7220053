import { buildTemplate } from "./template-database.ts";

export default () => buildTemplate("embedded");
