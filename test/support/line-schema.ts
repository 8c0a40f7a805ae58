// What LINE's Messaging API accepts, for the requests our LINE door sends — so the fake LINE API
// refuses (400) what the real one would, and a test names the property at fault.
//
// Written by reading LINE's OpenAPI description, line/line-openapi `messaging-api.yml` at commit
// 6e4c2a2a1b7b059ea3920456d4f88d03fd8ef0bb (2026-07-01); nothing is copied from it. Objects read:
//   requests  ReplyMessageRequest (POST /v2/bot/message/reply), PushMessageRequest (POST
//             /v2/bot/message/push, header X-Line-Retry-Key: uuid), ShowLoadingAnimationRequest
//             (POST /v2/bot/chat/loading/start)
//   messages  Message (+ discriminator), TextMessage, FlexMessage, QuickReply, QuickReplyItem, Sender
//   flex      FlexContainer, FlexBubble, FlexBubbleStyles, FlexBlockStyle, FlexCarousel,
//             FlexComponent (+ discriminator), FlexBox, FlexBoxBackground, FlexBoxLinearGradient,
//             FlexButton, FlexText, FlexSpan, FlexSeparator, FlexFiller, and the keyword lists
//             FlexBoxSpacing, FlexMargin, FlexBoxPadding, FlexOffset, FlexTextFontSize, FlexSpanSize
//   actions   Action (+ discriminator), MessageAction, PostbackAction, DatetimePickerAction
// It checks what the YAML states: required properties, types (int32 → integer), enums,
// minItems/maxItems, minLength/maxLength, minimum/maximum, and "a multiple of 5" (loadingSeconds'
// description). Sizes and spacings the YAML types as string are checked against its keyword
// lists, "or in pixels" as its descriptions say (offsets and paddings also take percentages).
// Limits the YAML leaves out, from LINE's reference (RESEARCH.md): a text message ≤ 5,000
// characters, an action label ≤ 20 characters (the quick-reply limit; Flex buttons are held to
// it too), altText ≤ 1,500. Quick replies ≤ 13 is in the YAML. Lengths count UTF-16 units, which is
// what LINE counts and never fewer than the characters a person sees.
//
// Message, component and action types the YAML lists but the door never sends (image, sticker,
// carousel bubbles with video, uri actions…) are refused as "not modelled here": a new kind of
// message must come with its schema, not slip through unchecked. Unknown properties are ignored,
// as in the YAML (no additionalProperties: false).
import { z } from 'zod';

/** A problem as LINE reports it in an ErrorResponse's `details`. */
export interface LineProblem {
  property: string;
  message: string;
}

/** Limits from LINE's reference that messaging-api.yml does not state (RESEARCH.md). */
export const LINE_LIMITS = { text: 5000, label: 20, altText: 1500, quickReplyItems: 13, messages: 5 } as const;

const int32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
const KEYWORDS = ['none', 'xs', 'sm', 'md', 'lg', 'xl', 'xxl'] as const;
const FONT_SIZES = ['xxs', 'xs', 'sm', 'md', 'lg', 'xl', 'xxl', '3xl', '4xl', '5xl'] as const;
const PX = /^\d+(\.\d+)?px$/;
const PERCENT = /^\d+(\.\d+)?%$/;

/**
 * An array with a size limit. Zod checks an array's size before its items and stops there; this
 * checks both, so one answer names every problem (as LINE's `details` do).
 */
function arrayOf<T extends z.ZodType>(item: T, size: { min?: number; max?: number; what: string }) {
  return z.array(item).superRefine((a, ctx) => {
    if (size.max !== undefined && a.length > size.max) ctx.addIssue({ code: 'custom', message: `${size.what}: at most ${size.max}, got ${a.length}` });
    if (size.min !== undefined && a.length < size.min) ctx.addIssue({ code: 'custom', message: `${size.what}: at least ${size.min}, got ${a.length}` });
  });
}

/** A string property the YAML gives as a keyword list "or in pixels" (and, for some, a percentage). */
function keywordOr(name: string, keywords: readonly string[], percent = false) {
  return z.string().refine((s) => keywords.includes(s) || PX.test(s) || (percent && PERCENT.test(s)), {
    message: `${name}: one of ${keywords.join(', ')}, or pixels${percent ? ' or a percentage' : ''}`,
  });
}
const spacing = keywordOr('FlexBoxSpacing', KEYWORDS);
const margin = keywordOr('FlexMargin', KEYWORDS);
const offset = keywordOr('FlexOffset', KEYWORDS, true);
const padding = keywordOr('FlexBoxPadding', KEYWORDS, true);
const length = z.string().refine((s) => PX.test(s) || PERCENT.test(s), { message: 'pixels or a percentage' });
/** Colours: "a hexadecimal color code" (#RRGGBB or #RRGGBBAA). */
const color = z.string().regex(/^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'a hexadecimal colour code (#RRGGBB or #RRGGBBAA)');
const position = z.enum(['relative', 'absolute']);
const gravity = z.enum(['top', 'bottom', 'center']);
const offsets = { position: position.optional(), offsetTop: offset.optional(), offsetBottom: offset.optional(), offsetStart: offset.optional(), offsetEnd: offset.optional() };

/** A discriminated union whose unknown `type` reads as a sentence naming what is allowed. */
function byType<T extends [z.ZodObject<{ type: z.ZodLiteral<string> }>, ...z.ZodObject<{ type: z.ZodLiteral<string> }>[]]>(what: string, known: readonly string[], modelled: T) {
  const allowed = modelled.map((m) => m.shape.type.value);
  return z.discriminatedUnion('type', modelled, {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const got = (issue.input as { type?: unknown } | undefined)?.type;
      if (typeof got === 'string' && known.includes(got)) return `${what} type "${got}" is valid at LINE but not modelled here (modelled: ${allowed.join(', ')})`;
      return `${what} type must be one of ${known.join(', ')}; got ${JSON.stringify(got)}`;
    },
  });
}

// ---- actions ---------------------------------------------------------------------------------
const label = z.string().max(LINE_LIMITS.label, `an action label has at most ${LINE_LIMITS.label} characters`);
const messageAction = z.object({ type: z.literal('message'), label: label.optional(), text: z.string().optional() });
const postbackAction = z.object({
  type: z.literal('postback'),
  label: label.optional(),
  data: z.string().min(0).max(300).optional(),
  displayText: z.string().optional(),
  text: z.string().optional(),
  inputOption: z.enum(['closeRichMenu', 'openRichMenu']).optional(),
});
const datetimePickerAction = z.object({
  type: z.literal('datetimepicker'),
  label: label.optional(),
  data: z.string().min(0).max(300).optional(),
  mode: z.enum(['date', 'time', 'datetime']).optional(),
  initial: z.string().optional(),
  max: z.string().optional(),
  min: z.string().optional(),
});
const ACTION_TYPES = ['camera', 'cameraRoll', 'clipboard', 'datetimepicker', 'location', 'message', 'postback', 'richmenuswitch', 'uri'];
export const action = byType('action', ACTION_TYPES, [messageAction, postbackAction, datetimePickerAction]);

// ---- flex --------------------------------------------------------------------------------------
const FLEX_COMPONENT_TYPES = ['box', 'button', 'image', 'video', 'icon', 'text', 'span', 'separator', 'filler'];
// A box holds components, boxes among them: the union is built lazily.
const flexComponent: z.ZodType = z.lazy(() => byType('flex component', FLEX_COMPONENT_TYPES, [flexBox, flexButton, flexText, flexSeparator, flexFiller]));

const flexSpan = z.object({
  type: z.literal('span'),
  text: z.string().optional(),
  size: keywordOr('FlexSpanSize', FONT_SIZES).optional(),
  color: color.optional(),
  weight: z.enum(['regular', 'bold']).optional(),
  style: z.enum(['normal', 'italic']).optional(),
  decoration: z.enum(['none', 'underline', 'line-through']).optional(),
});

const flexText = z.object({
  type: z.literal('text'),
  flex: int32.optional(),
  text: z.string().optional(),
  size: keywordOr('FlexTextFontSize', FONT_SIZES).optional(),
  align: z.enum(['start', 'end', 'center']).optional(),
  gravity: gravity.optional(),
  color: color.optional(),
  weight: z.enum(['regular', 'bold']).optional(),
  style: z.enum(['normal', 'italic']).optional(),
  decoration: z.enum(['none', 'underline', 'line-through']).optional(),
  wrap: z.boolean().optional(),
  lineSpacing: z.string().regex(PX, 'pixels').optional(),
  margin: margin.optional(),
  ...offsets,
  action: action.optional(),
  maxLines: int32.optional(),
  contents: z.array(flexSpan).optional(),
  adjustMode: z.enum(['shrink-to-fit']).optional(),
  scaling: z.boolean().optional(),
});

const flexButton = z.object({
  type: z.literal('button'),
  action,
  flex: int32.optional(),
  color: color.optional(),
  style: z.enum(['primary', 'secondary', 'link']).optional(),
  gravity: gravity.optional(),
  margin: margin.optional(),
  ...offsets,
  height: z.enum(['md', 'sm']).optional(),
  adjustMode: z.enum(['shrink-to-fit']).optional(),
  scaling: z.boolean().optional(),
});

const flexSeparator = z.object({ type: z.literal('separator'), margin: margin.optional(), color: color.optional() });
const flexFiller = z.object({ type: z.literal('filler'), flex: int32.optional() });

const flexBoxBackground = byType('box background', ['linearGradient'], [
  z.object({ type: z.literal('linearGradient'), angle: z.string().optional(), startColor: color.optional(), endColor: color.optional(), centerColor: color.optional(), centerPosition: z.string().optional() }),
]);

const flexBox = z.object({
  type: z.literal('box'),
  layout: z.enum(['horizontal', 'vertical', 'baseline']),
  contents: z.array(flexComponent),
  flex: int32.optional(),
  spacing: spacing.optional(),
  margin: margin.optional(),
  ...offsets,
  backgroundColor: color.optional(),
  borderColor: color.optional(),
  borderWidth: z.string().refine((s) => ['none', 'light', 'normal', 'medium', 'semi-bold', 'bold'].includes(s) || PX.test(s), 'FlexBoxBorderWidth: a keyword or pixels').optional(),
  cornerRadius: keywordOr('FlexBoxCornerRadius', KEYWORDS).optional(),
  width: length.optional(),
  maxWidth: length.optional(),
  height: length.optional(),
  maxHeight: length.optional(),
  paddingAll: padding.optional(),
  paddingTop: padding.optional(),
  paddingBottom: padding.optional(),
  paddingStart: padding.optional(),
  paddingEnd: padding.optional(),
  action: action.optional(),
  justifyContent: z.enum(['center', 'flex-start', 'flex-end', 'space-between', 'space-around', 'space-evenly']).optional(),
  alignItems: z.enum(['center', 'flex-start', 'flex-end']).optional(),
  background: flexBoxBackground.optional(),
});

const blockStyle = z.object({ backgroundColor: color.optional(), separator: z.boolean().optional(), separatorColor: color.optional() });
const flexBubble = z.object({
  type: z.literal('bubble'),
  direction: z.enum(['ltr', 'rtl']).optional(),
  styles: z.object({ header: blockStyle.optional(), hero: blockStyle.optional(), body: blockStyle.optional(), footer: blockStyle.optional() }).optional(),
  header: flexBox.optional(),
  hero: flexComponent.optional(),
  body: flexBox.optional(),
  footer: flexBox.optional(),
  size: z.enum(['nano', 'micro', 'deca', 'hecto', 'kilo', 'mega', 'giga']).optional(),
  action: action.optional(),
});
const flexCarousel = z.object({ type: z.literal('carousel'), contents: z.array(flexBubble) });
const flexContainer = byType('flex container', ['bubble', 'carousel'], [flexBubble, flexCarousel]);

// ---- messages ----------------------------------------------------------------------------------
const quickReplyItem = z.object({
  type: z.literal('action').optional(),
  imageUrl: z.url().max(2000).optional(),
  action: action.optional(),
});
const quickReply = z.object({
  items: arrayOf(quickReplyItem, { max: LINE_LIMITS.quickReplyItems, what: 'quick-reply items' }).optional(),
});
const common = {
  quickReply: quickReply.optional(),
  sender: z.object({ name: z.string().max(20).optional(), iconUrl: z.url().max(2000).optional() }).optional(),
};
const textMessage = z.object({
  type: z.literal('text'),
  ...common,
  text: z.string().max(LINE_LIMITS.text, `a text message has at most ${LINE_LIMITS.text} characters`),
  emojis: z.array(z.object({ index: int32.optional(), productId: z.string().optional(), emojiId: z.string().optional() })).optional(),
  quoteToken: z.string().optional(),
});
const flexMessage = z.object({
  type: z.literal('flex'),
  ...common,
  altText: z.string().max(LINE_LIMITS.altText, `altText has at most ${LINE_LIMITS.altText} characters`),
  contents: flexContainer,
});
const MESSAGE_TYPES = ['text', 'textV2', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'template', 'flex', 'coupon'];
export const message = byType('message', MESSAGE_TYPES, [textMessage, flexMessage]);

const messages = arrayOf(message, { min: 1, max: LINE_LIMITS.messages, what: 'messages per request' });

// ---- requests ----------------------------------------------------------------------------------
export const replyMessageRequest = z.object({ replyToken: z.string(), messages, notificationDisabled: z.boolean().optional() });
export const pushMessageRequest = z.object({
  to: z.string(),
  messages,
  notificationDisabled: z.boolean().optional(),
  customAggregationUnits: z.array(z.string()).optional(),
});
export const showLoadingAnimationRequest = z.object({
  chatId: z.string(),
  loadingSeconds: int32.min(5).max(60).multipleOf(5, 'loadingSeconds is a multiple of 5').optional(),
});

/** The request bodies we send, by path. */
export const LINE_REQUESTS: Record<string, z.ZodType> = {
  '/v2/bot/message/reply': replyMessageRequest,
  '/v2/bot/message/push': pushMessageRequest,
  '/v2/bot/chat/loading/start': showLoadingAnimationRequest,
};

/** `messages[0].quickReply.items[3].action.label`, as LINE names a property in its errors. */
function propertyOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(body)';
}

/** What is wrong with a body sent to a LINE path ([] when LINE would take it). */
export function lineProblems(path: string, body: unknown, headers: Record<string, string | string[] | undefined> = {}): LineProblem[] {
  const schema = LINE_REQUESTS[path.split('?')[0]!];
  if (!schema) return [{ property: '(path)', message: `no request schema for ${path} (not a request the door should send)` }];
  const problems: LineProblem[] = [];
  const key = headers['x-line-retry-key'];
  if (key !== undefined && !z.guid().safeParse(key).success) problems.push({ property: 'X-Line-Retry-Key', message: 'a UUID' });
  const result = schema.safeParse(body);
  if (!result.success) for (const issue of result.error.issues) problems.push({ property: propertyOf(issue.path), message: issue.message });
  return problems;
}
