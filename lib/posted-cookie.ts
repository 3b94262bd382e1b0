/**
 * A comment posted from the members' shared page (docs/decisions/006) is followed by a full
 * load of the page, rendered for its author: this short-lived cookie names the comment, so
 * that the page can mark it and move the focus to it (components/live-refresh.tsx).
 */
export const POSTED_COOKIE = 'yilun-posted';
