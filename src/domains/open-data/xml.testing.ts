import { SaxesParser } from "saxes";

/** An element as `parseXml` builds it: enough of a tree for tests to look into. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Parses XML with a conforming, strict parser (saxes, namespaces on): any well-formedness error
 * throws, which is the point of the tests that use it.
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.local ?? tag.name,
      attributes: Object.fromEntries(
        Object.values(tag.attributes).map((attribute) =>
          typeof attribute === "string" ? [attribute, attribute] : [attribute.name, attribute.value],
        ),
      ),
      children: [],
      text: "",
    };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new Error("no root element");
  return root;
}

/** The child elements named `name`. */
export const childrenNamed = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child) => child.name === name);
