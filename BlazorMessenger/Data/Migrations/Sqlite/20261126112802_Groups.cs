using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Groups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PictureMediaId",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeftSeq",
                table: "ConversationMembers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeftUtc",
                table: "ConversationMembers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleWhenLeft",
                table: "ConversationMembers",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_PictureMediaId",
                table: "Conversations",
                column: "PictureMediaId");

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_Media_PictureMediaId",
                table: "Conversations",
                column: "PictureMediaId",
                principalTable: "Media",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_Media_PictureMediaId",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_PictureMediaId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PictureMediaId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "LeftSeq",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "LeftUtc",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "TitleWhenLeft",
                table: "ConversationMembers");
        }
    }
}
