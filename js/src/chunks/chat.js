/** View bundle `views-chat.js`: pn.chat's message list, feed, interface and input. */

import { ChatAreaInputView } from "../views/chat_area_input.js";
import { ChatFeedView } from "../views/chat_feed.js";
import { ChatInterfaceView } from "../views/chat_interface.js";
import { ChatMessageView } from "../views/chat_message.js";

export const VIEWS = {
  ChatMessage: ChatMessageView,
  ChatFeed: ChatFeedView,
  ChatInterface: ChatInterfaceView,
  ChatAreaInput: ChatAreaInputView,
};
