// An echo bot as telegraf's README writes one, pointed at the app with telegram.apiRoot (API_ROOT) and run with the
// bot's token (BOT_TOKEN). Prints "ready" once it polls; stops on SIGINT/SIGTERM as telegraf's examples do.
const { Telegraf } = require("telegraf");
const { message, editedMessage } = require("telegraf/filters");

const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.API_ROOT } });
bot.command("ping", ctx => ctx.reply("pong"));
bot.on(message("text"), ctx => ctx.reply(`echo: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } }));
bot.on(message("photo"), ctx => ctx.replyWithPhoto(ctx.message.photo.at(-1).file_id, { caption: `${ctx.message.photo.at(-1).width} wide` }));
bot.on(editedMessage("text"), ctx => ctx.reply(`edited: ${ctx.editedMessage.text}`));
bot.catch(error => console.error(`failed: ${error.message}`));
bot.launch(() => console.log("ready"));

process.once("SIGINT", () => bot.stop("SIGINT"));
process.once("SIGTERM", () => bot.stop("SIGTERM"));
