// The "service unavailable" text in both languages for app/global-error.tsx: messages/*.json's
// errors.unavailable* (a test checks), written out so that every page's JavaScript does not
// carry both message files.
export const UNAVAILABLE = {
  zh: { title: '服务暂时不可用', body: '我们暂时连不上数据库。页面会在恢复后正常显示，请稍后刷新。', retry: '重试' },
  en: { title: 'Service temporarily unavailable', body: 'We cannot reach the database right now. The page will work again once it is back; please refresh in a moment.', retry: 'Try again' },
};

