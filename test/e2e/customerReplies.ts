/**
 * What the OpenAI-compatible test server says as the customer in the browser tests: a line
 * in the conversation's language, streamed in small pieces with a pause between them, so
 * the page shows the reply growing. Long enough to pass the server's hold-back of a few
 * characters and come out as several `customer:delta` events.
 */
import type { Behaviour, RecordedRequest } from '../support/openaiTestServer.ts';

const ZH_HANT = [
  '好吧，你先把事情查清楚。我已經等了兩個禮拜，店裡的事情全都卡住了，你要負責喔。',
  '其實上禮拜你們有個小姐打來，說要補收入證明，我隔天一早就傳真過去了，之後就再也沒人理我。',
  '如果今天真的能處理，那還可以接受。可是我要一個確定的日期，不要再讓我一直等下去了。',
  '好，那我就等你的電話，你說四點就四點喔。早這樣處理就好了嘛，謝謝你。',
];
const EN = [
  "Fine, but please check it properly this time. I've been waiting two weeks and my shop can't wait any longer.",
  'Someone called last week asking for my income proof, and I faxed it the very next morning. Nobody got back to me.',
];

export function customerReplies(): (request: RecordedRequest) => Behaviour {
  let n = 0;
  return (request) => {
    // The system prompt names the language to answer in (server/personas/voice/customerPrompt.ts).
    const system = String(request.body?.messages?.[0]?.content ?? '');
    const zh = /繁體中文|简体中文/.test(system);
    const lines = zh ? ZH_HANT : EN;
    const text = lines[n++ % lines.length]!;
    return { kind: 'text', text, chunkDelayMs: 45 };
  };
}
