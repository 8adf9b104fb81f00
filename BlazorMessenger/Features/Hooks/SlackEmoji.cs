namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// The shortcodes notifiers and CI scripts really send (status marks, alerts, deploys, reactions), as Unicode. Not
/// Slack's whole list of some 1,800: a code missing here stays as written, which still reads.
/// </summary>
public static class SlackEmoji
{
    /// <summary>The emoji of ":name:" (given without its colons), or null when it is not in the table.</summary>
    public static string? Of(string name) => Table.GetValueOrDefault(name);

    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        // Status marks
        ["white_check_mark"] = "✅", ["heavy_check_mark"] = "✔️", ["ballot_box_with_check"] = "☑️",
        ["x"] = "❌", ["negative_squared_cross_mark"] = "❎", ["heavy_multiplication_x"] = "✖️",
        ["warning"] = "⚠️", ["no_entry"] = "⛔", ["no_entry_sign"] = "🚫", ["stop_sign"] = "🛑", ["octagonal_sign"] = "🛑",
        ["exclamation"] = "❗", ["heavy_exclamation_mark"] = "❗", ["grey_exclamation"] = "❕", ["bangbang"] = "‼️",
        ["question"] = "❓", ["grey_question"] = "❔", ["information_source"] = "ℹ️", ["sos"] = "🆘", ["ok"] = "🆗",
        ["new"] = "🆕", ["up"] = "🆙", ["cool"] = "🆒", ["free"] = "🆓",
        // Circles and squares (traffic lights)
        ["red_circle"] = "🔴", ["large_orange_circle"] = "🟠", ["large_yellow_circle"] = "🟡", ["large_green_circle"] = "🟢",
        ["large_blue_circle"] = "🔵", ["large_purple_circle"] = "🟣", ["large_brown_circle"] = "🟤",
        ["black_circle"] = "⚫", ["white_circle"] = "⚪", ["radio_button"] = "🔘",
        ["large_red_square"] = "🟥", ["large_orange_square"] = "🟧", ["large_yellow_square"] = "🟨",
        ["large_green_square"] = "🟩", ["large_blue_square"] = "🟦", ["large_purple_square"] = "🟪",
        ["black_large_square"] = "⬛", ["white_large_square"] = "⬜",
        ["small_red_triangle"] = "🔺", ["small_red_triangle_down"] = "🔻",
        ["arrow_up"] = "⬆️", ["arrow_down"] = "⬇️", ["arrow_right"] = "➡️", ["arrow_left"] = "⬅️",
        ["arrows_counterclockwise"] = "🔄", ["repeat"] = "🔁", ["leftwards_arrow_with_hook"] = "↩️",
        // Alerts and incidents
        ["fire"] = "🔥", ["rotating_light"] = "🚨", ["bell"] = "🔔", ["no_bell"] = "🔕", ["boom"] = "💥",
        ["collision"] = "💥", ["zap"] = "⚡", ["skull"] = "💀", ["skull_and_crossbones"] = "☠️", ["ambulance"] = "🚑",
        ["mega"] = "📣", ["loudspeaker"] = "📢", ["pager"] = "📟",
        ["beetle"] = "🐞", ["bug"] = "🐛", ["broken_heart"] = "💔", ["snail"] = "🐌", ["turtle"] = "🐢",
        // Work and deploys
        ["rocket"] = "🚀", ["ship"] = "🚢", ["package"] = "📦", ["construction"] = "🚧", ["hammer"] = "🔨",
        ["hammer_and_wrench"] = "🛠️", ["wrench"] = "🔧", ["gear"] = "⚙️", ["nut_and_bolt"] = "🔩",
        ["lock"] = "🔒", ["unlock"] = "🔓", ["key"] = "🔑", ["shield"] = "🛡️", ["link"] = "🔗", ["paperclip"] = "📎",
        ["memo"] = "📝", ["pencil"] = "📝", ["pencil2"] = "✏️", ["page_facing_up"] = "📄", ["clipboard"] = "📋",
        ["bookmark"] = "🔖", ["books"] = "📚", ["book"] = "📖", ["pushpin"] = "📌", ["round_pushpin"] = "📍",
        ["label"] = "🏷️", ["inbox_tray"] = "📥", ["outbox_tray"] = "📤", ["email"] = "📧", ["envelope"] = "✉️",
        ["mailbox"] = "📫", ["computer"] = "💻", ["desktop_computer"] = "🖥️", ["floppy_disk"] = "💾", ["cd"] = "💿",
        ["electric_plug"] = "🔌", ["battery"] = "🔋", ["satellite"] = "📡", ["globe_with_meridians"] = "🌐",
        ["cloud"] = "☁️", ["robot_face"] = "🤖", ["mag"] = "🔍", ["mag_right"] = "🔎",
        ["bulb"] = "💡", ["sparkles"] = "✨", ["star"] = "⭐", ["star2"] = "🌟", ["dart"] = "🎯", ["trophy"] = "🏆",
        ["medal"] = "🏅", ["checkered_flag"] = "🏁", ["triangular_flag_on_post"] = "🚩", ["recycle"] = "♻️",
        ["wastebasket"] = "🗑️", ["calendar"] = "📆", ["date"] = "📅", ["moneybag"] = "💰", ["chart"] = "💹",
        ["chart_with_upwards_trend"] = "📈", ["chart_with_downwards_trend"] = "📉", ["bar_chart"] = "📊",
        ["arrow_heading_up"] = "⤴️", ["arrow_heading_down"] = "⤵️", ["100"] = "💯", ["1234"] = "🔢",
        // Time
        ["stopwatch"] = "⏱️", ["timer_clock"] = "⏲️", ["alarm_clock"] = "⏰", ["hourglass"] = "⌛",
        ["hourglass_flowing_sand"] = "⏳", ["watch"] = "⌚", ["clock1"] = "🕐", ["clock2"] = "🕑", ["clock3"] = "🕒",
        ["clock4"] = "🕓", ["clock5"] = "🕔", ["clock6"] = "🕕", ["clock7"] = "🕖", ["clock8"] = "🕗", ["clock9"] = "🕘",
        ["clock10"] = "🕙", ["clock11"] = "🕚", ["clock12"] = "🕛", ["clock130"] = "🕜", ["clock230"] = "🕝",
        ["zzz"] = "💤", ["pause_button"] = "⏸️", ["arrow_forward"] = "▶️", ["fast_forward"] = "⏩", ["rewind"] = "⏪",
        ["black_square_for_stop"] = "⏹️", ["double_vertical_bar"] = "⏸️",
        // Reactions and faces
        ["+1"] = "👍", ["thumbsup"] = "👍", ["-1"] = "👎", ["thumbsdown"] = "👎", ["ok_hand"] = "👌", ["clap"] = "👏",
        ["wave"] = "👋", ["raised_hands"] = "🙌", ["pray"] = "🙏", ["muscle"] = "💪", ["point_right"] = "👉",
        ["point_left"] = "👈", ["point_up"] = "☝️", ["point_down"] = "👇", ["eyes"] = "👀", ["tada"] = "🎉",
        ["confetti_ball"] = "🎊", ["heart"] = "❤️", ["green_heart"] = "💚",
        ["blue_heart"] = "💙", ["smile"] = "😄", ["smiley"] = "😃", ["grinning"] = "😀", ["slightly_smiling_face"] = "🙂",
        ["wink"] = "😉", ["joy"] = "😂", ["sweat_smile"] = "😅", ["thinking_face"] = "🤔", ["neutral_face"] = "😐",
        ["confused"] = "😕", ["disappointed"] = "😞", ["worried"] = "😟", ["cry"] = "😢", ["sob"] = "😭",
        ["scream"] = "😱", ["rage"] = "😡", ["angry"] = "😠", ["sunglasses"] = "😎", ["face_palm"] = "🤦",
        ["shrug"] = "🤷", ["see_no_evil"] = "🙈", ["poop"] = "💩", ["hankey"] = "💩", ["ghost"] = "👻",
        ["white_flag"] = "🏳️", ["coffee"] = "☕", ["beer"] = "🍺", ["cake"] = "🍰", ["sunny"] = "☀️",
        ["umbrella"] = "☔", ["snowflake"] = "❄️", ["rainbow"] = "🌈", ["seedling"] = "🌱", ["four_leaf_clover"] = "🍀",
        // Skin tones follow a hand ("+1::skin-tone-2:") and become its modifier.
        ["skin-tone-2"] = "\U0001F3FB", ["skin-tone-3"] = "\U0001F3FC", ["skin-tone-4"] = "\U0001F3FD",
        ["skin-tone-5"] = "\U0001F3FE", ["skin-tone-6"] = "\U0001F3FF",
    };
}
