namespace BlazorMessenger.Features.Chat.Compose;

public sealed record EmojiItem(string Symbol, string Name)
{
    public bool Matches(string term) => Name.Contains(term, StringComparison.OrdinalIgnoreCase);
}

public sealed record EmojiCategory(string Name, IReadOnlyList<EmojiItem> Items);

/// <summary>A plain Unicode emoji set, bundled with the app: nothing is fetched from another host.</summary>
public static class EmojiCatalog
{
    public static readonly IReadOnlyList<EmojiCategory> Categories =
    [
        Category("Smileys",
            "😀 grinning face|😃 smiling face with big eyes|😄 smiling face with smiling eyes|😁 beaming face|😆 laughing|😅 sweat smile|" +
            "🤣 rolling on the floor laughing|😂 tears of joy|🙂 slightly smiling face|😉 winking face|😊 smiling blush|😇 halo angel|" +
            "🥰 smiling face with hearts|😍 heart eyes|🤩 star struck|😘 blowing a kiss|😋 yum|😛 tongue out|😜 winking tongue|" +
            "🤔 thinking face|🤨 raised eyebrow|😐 neutral face|😑 expressionless|😶 no mouth|🙄 rolling eyes|😏 smirk|😴 sleeping|" +
            "😌 relieved|😔 pensive|😢 crying face|😭 loudly crying|😤 huffing|😠 angry face|😡 pouting rage|🤯 mind blown|" +
            "😳 flushed|🥺 pleading face|😱 screaming in fear|🤗 hugging face|🤫 shushing|🤭 hand over mouth|😎 cool sunglasses|" +
            "🤓 nerd face|🥳 partying face|😬 grimacing|🤐 zipper mouth|🤒 sick thermometer|🤧 sneezing|🥶 cold face|🥵 hot face"),
        Category("People",
            "👍 thumbs up yes|👎 thumbs down no|👌 ok hand|✌️ victory peace|🤞 crossed fingers luck|🤝 handshake deal|👏 clapping hands|" +
            "🙌 raising hands celebrate|🙏 folded hands please thanks|💪 flexed biceps strong|👋 waving hand hello bye|✋ raised hand stop|" +
            "🤙 call me|👀 eyes look|🧠 brain|🫶 heart hands|🙋 person raising hand|🤷 shrug|🤦 facepalm|🙇 bowing|💃 dancing woman|" +
            "🕺 dancing man|🏃 running|🚶 walking|🧑‍💻 technologist laptop|👩‍🍳 cook|🧑‍🎓 student|👶 baby|🧓 older person"),
        Category("Animals & nature",
            "🐶 dog|🐱 cat|🐭 mouse|🐰 rabbit|🦊 fox|🐻 bear|🐼 panda|🐨 koala|🐯 tiger|🦁 lion|🐮 cow|🐷 pig|🐸 frog|🐵 monkey|" +
            "🐔 chicken|🐧 penguin|🐦 bird|🦄 unicorn|🐝 bee|🦋 butterfly|🐢 turtle|🐍 snake|🐙 octopus|🐬 dolphin|🐳 whale|" +
            "🌸 cherry blossom flower|🌹 rose|🌻 sunflower|🌲 evergreen tree|🌵 cactus|🍀 four leaf clover luck|🍁 maple leaf|" +
            "🌈 rainbow|☀️ sun|🌙 moon|⭐ star|⚡ lightning|❄️ snowflake|🔥 fire hot|🌊 wave water"),
        Category("Food & drink",
            "🍏 green apple|🍎 red apple|🍌 banana|🍉 watermelon|🍇 grapes|🍓 strawberry|🍒 cherries|🍑 peach|🥑 avocado|🍅 tomato|" +
            "🌶️ hot pepper|🥕 carrot|🌽 corn|🥐 croissant|🍞 bread|🧀 cheese|🍳 cooking egg|🥓 bacon|🍔 hamburger|🍟 fries|🍕 pizza|" +
            "🌭 hot dog|🌮 taco|🍣 sushi|🍜 noodles ramen|🍰 cake|🎂 birthday cake|🍪 cookie|🍫 chocolate|🍩 doughnut|🍿 popcorn|" +
            "☕ coffee|🍵 tea|🍺 beer|🍷 wine|🥂 clinking glasses cheers|🍾 champagne bottle|🧃 juice"),
        Category("Activities",
            "⚽ soccer football|🏀 basketball|🏈 american football|⚾ baseball|🎾 tennis|🏐 volleyball|🏓 ping pong|🏸 badminton|" +
            "🥅 goal|⛳ golf|🎣 fishing|🏊 swimming|🚴 cycling|🏋️ weight lifting|🧘 yoga|🎮 video game|🎲 dice game|🧩 puzzle|" +
            "🎯 bullseye target|🎳 bowling|🎸 guitar|🎹 piano|🎺 trumpet|🎻 violin|🥁 drum|🎤 microphone|🎧 headphones|🎬 movie|" +
            "🎨 art palette|🎉 party popper|🎊 confetti|🎁 gift present|🏆 trophy|🥇 gold medal|🎈 balloon"),
        Category("Travel & places",
            "🚗 car|🚕 taxi|🚌 bus|🚑 ambulance|🚒 fire engine|🚲 bicycle|🛴 scooter|🏍️ motorcycle|🚂 train|🚇 metro|✈️ airplane|" +
            "🚀 rocket|🛸 flying saucer|🚁 helicopter|⛵ sailboat|🚢 ship|⚓ anchor|🗺️ map|🧭 compass|🏔️ mountain|🏖️ beach|" +
            "🏝️ island|🏕️ camping|🏠 house home|🏢 office building|🏥 hospital|🏫 school|⛪ church|🗽 statue of liberty|🗼 tower|" +
            "🌍 globe earth|🌃 night city|🎡 ferris wheel|⛱️ umbrella beach"),
        Category("Objects",
            "⌚ watch|📱 mobile phone|💻 laptop|⌨️ keyboard|🖥️ desktop computer|🖨️ printer|📷 camera|🎥 video camera|📺 television|" +
            "📞 telephone|🔋 battery|🔌 plug|💡 light bulb idea|🔦 flashlight|🕯️ candle|💸 money flying|💰 money bag|💳 credit card|" +
            "🔧 wrench|🔨 hammer|⚙️ gear settings|🔒 locked|🔑 key|🚪 door|🛏️ bed|🛒 shopping cart|📦 package box|✉️ envelope mail|" +
            "📅 calendar|📌 pushpin|📎 paperclip|✏️ pencil|📝 memo note|📚 books|📖 open book|🔍 magnifying glass search|⏰ alarm clock|⏳ hourglass"),
        Category("Symbols",
            "❤️ red heart love|🧡 orange heart|💛 yellow heart|💚 green heart|💙 blue heart|💜 purple heart|🖤 black heart|🤍 white heart|" +
            "💔 broken heart|💕 two hearts|💯 hundred points|✅ check mark done|❌ cross mark|❗ exclamation|❓ question mark|‼️ double exclamation|" +
            "⚠️ warning|🚫 prohibited|♻️ recycling|✨ sparkles|💤 zzz sleep|💬 speech balloon|🗯️ anger bubble|💭 thought balloon|" +
            "🔔 bell|🎵 musical note|➕ plus|➖ minus|➡️ right arrow|⬅️ left arrow|⬆️ up arrow|⬇️ down arrow|🔄 repeat|🆗 ok button|" +
            "🆕 new button|🆒 cool button|🔴 red circle|🟢 green circle|🔵 blue circle|🏁 chequered flag"),
    ];

    public static IEnumerable<EmojiItem> Search(string term) =>
        Categories.SelectMany(c => c.Items).Where(e => e.Matches(term.Trim()));

    private static EmojiCategory Category(string name, string items) =>
        new(name, items.Split('|').Select(entry =>
        {
            var space = entry.IndexOf(' ');
            return new EmojiItem(entry[..space], entry[(space + 1)..]);
        }).ToList());
}
