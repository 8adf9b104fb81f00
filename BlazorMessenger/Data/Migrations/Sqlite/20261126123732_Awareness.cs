using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Awareness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeliveredSeq",
                table: "ConversationMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // What was read was delivered.
            migrationBuilder.Sql("UPDATE ConversationMembers SET DeliveredSeq = LastReadSeq");

            migrationBuilder.AddColumn<bool>(
                name: "HidesReadReceipts",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Receipts",
                columns: table => new
                {
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Receipts", x => new { x.ConversationId, x.UserId, x.Kind, x.Seq });
                    table.ForeignKey(
                        name: "FK_Receipts_ConversationMembers_ConversationId_UserId",
                        columns: x => new { x.ConversationId, x.UserId },
                        principalTable: "ConversationMembers",
                        principalColumns: new[] { "ConversationId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Receipts");

            migrationBuilder.DropColumn(
                name: "DeliveredSeq",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "HidesReadReceipts",
                table: "AspNetUsers");
        }
    }
}
