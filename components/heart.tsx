/**
 * The like symbol: one small element, drawn by CSS from /heart.svg in the text's colour (a
 * page of comments does not repeat the drawing in every card). Its name is the text beside it.
 */
export function Heart() {
  return <span className="heart" aria-hidden="true" />;
}
