export declare function plainPage(page: { lang: string; site: string; title: string; body: string; link: { href: string; text: string } }): string;
