import type { ComponentChildren } from "preact";
import { availableLanguages, LANGUAGE_NAMES, type Language } from "../platform/i18n.ts";
import { hasPermission } from "../platform/permissions.ts";
import { ASSETS } from "./assets.ts";
import type { PageContext } from "./page-context.ts";

interface NavLink {
  href: string;
  label: string;
}

function navLinks(ctx: PageContext): NavLink[] {
  const { t, actor } = ctx;
  const links: NavLink[] = [
    { href: "/", label: t("nav.home") },
    { href: "/entries", label: t("nav.search") },
    { href: "/action-lines", label: t("nav.actionLines") },
    { href: "/sdgs", label: t("nav.sdgs") },
    { href: "/sdg-matrix", label: t("nav.matrix") },
    { href: "/prizes", label: t("prizes.editions.nav") },
    { href: "/forum", label: t("forum.editions.nav") },
  ];
  if (actor) links.push({ href: "/my/entries", label: t("nav.myEntries") });
  if (hasPermission(actor, "entries.moderate"))
    links.push({ href: "/moderation", label: t("nav.moderation") });
  if (hasPermission(actor, "entries.import")) links.push({ href: "/imports", label: t("nav.imports") });
  if (hasPermission(actor, "reference.manage")) links.push({ href: "/admin", label: t("nav.admin") });
  return links;
}

function isCurrent(ctx: PageContext, href: string): boolean {
  const path = ctx.path.split("?")[0] ?? "";
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra client script, only on pages whose interaction needs it. */
  scripts?: string[];
  description?: string;
  /** Extra `<link>`s in the head, e.g. a search's Atom feed (`rel="alternate"`). */
  headLinks?: Array<{ rel: string; type: string; href: string; title: string }>;
}

export function Layout({ ctx, title, children, scripts = [], description, headLinks = [] }: LayoutProps) {
  const { t, actor } = ctx;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("site.name")}`}</title>
        <meta name="description" content={description ?? t("site.description")} />
        <link rel="stylesheet" href={ASSETS.css.url} />
        <link rel="icon" href={ASSETS.icon.url} type="image/svg+xml" />
        {headLinks.map((link) => (
          <link rel={link.rel} type={link.type} href={link.href} title={link.title} key={link.href} />
        ))}
        {scripts.map((src) => (
          <script src={src} defer key={src} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-title" href="/">
              {t("site.name")}
            </a>
            <nav class="site-nav" aria-label={t("nav.main")}>
              <ul>
                {navLinks(ctx).map((link) => (
                  <li key={link.href}>
                    <a href={link.href} aria-current={isCurrent(ctx, link.href) ? "page" : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <nav class="site-nav" aria-label={t("nav.account")}>
              <ul>
                {actor ? (
                  <>
                    <li>
                      <a href="/account">
                        <bdi>{actor.name}</bdi>
                      </a>
                    </li>
                    <li>
                      <form method="post" action="/sign-out">
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="link-button">
                          {t("nav.signOut")}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/sign-in">{t("nav.signIn")}</a>
                    </li>
                    <li>
                      <a href="/register">{t("nav.register")}</a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
          <LanguageSwitcher ctx={ctx} />
        </header>
        <main id="main" class="site-main" tabIndex={-1}>
          {ctx.flash ? <output class="notice notice--ok">{ctx.flash}</output> : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="site-footer__inner">
            <p>{t("site.footer")}</p>
            <ul class="inline-list">
              <li>
                <a href="/open-data">{t("openDataPage.nav")}</a>
              </li>
              <li>
                <a href="/api/docs">{t("nav.apiDocs")}</a>
              </li>
              <li>
                <a href="/openapi.json">{t("nav.openapi")}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The current page in another language: the same path and query with `lang` replaced. */
function inLanguage(path: string, lang: Language): string {
  const [pathname = "/", query = ""] = path.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("lang", lang);
  return `${pathname}?${params}`;
}

/** Each language in its own name, marked with its language so screen readers pronounce it. */
function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="language-switcher" aria-label={ctx.t("nav.language")}>
      <ul class="inline-list">
        {availableLanguages.map((lang) => (
          <li key={lang}>
            <a
              href={inLanguage(ctx.path, lang)}
              lang={lang}
              hreflang={lang}
              aria-current={lang === ctx.lang ? "true" : undefined}
            >
              {LANGUAGE_NAMES[lang]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
