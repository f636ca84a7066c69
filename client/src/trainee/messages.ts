/**
 * The trainee's assigned practice (trainee/AssignedPractice.tsx, the chat's coach settings)
 * in the three languages. English is the reference: the Chinese catalogues are typed
 * against its keys, so a missing one fails the type-check.
 */
export const traineeEn = {
  'assigned.title': 'Assigned to you',
  'assigned.briefing': 'Assigned practice',
  'assigned.due': 'due {date}',
  'assigned.overdue': 'overdue since {date}',
  'assigned.status.pending': 'Not started',
  'assigned.status.in_progress': 'In progress',
  'assigned.status.completed': 'Completed',
  'assigned.start': 'Start',
  'assigned.continue': 'Continue',
  'assigned.view': 'View',
  'assigned.moodHidden': 'Hidden by your coach for this practice: read the customer from what they say.',
  'assigned.moodHiddenShort': 'Mood hidden by your coach',
  'assigned.hintsOn': 'Hints on (set by your coach)',
  'assigned.hintsOff': 'Hints off (set by your coach)',
} satisfies Record<string, string>;

type TraineeMessages = Record<keyof typeof traineeEn, string>;

export const traineeZhHans: TraineeMessages = {
  'assigned.title': '教练布置的练习',
  'assigned.briefing': '布置的练习',
  'assigned.due': '截止：{date}',
  'assigned.overdue': '已过期（截止：{date}）',
  'assigned.status.pending': '未开始',
  'assigned.status.in_progress': '进行中',
  'assigned.status.completed': '已完成',
  'assigned.start': '开始',
  'assigned.continue': '继续',
  'assigned.view': '查看',
  'assigned.moodHidden': '教练在这次练习中隐藏了情绪显示：请从客户的话里判断他的情绪。',
  'assigned.moodHiddenShort': '情绪已被教练隐藏',
  'assigned.hintsOn': '提示已开启（教练设置）',
  'assigned.hintsOff': '提示已关闭（教练设置）',
};

export const traineeZhHant: TraineeMessages = {
  'assigned.title': '教練指派的練習',
  'assigned.briefing': '指派的練習',
  'assigned.due': '期限：{date}',
  'assigned.overdue': '已逾期（期限：{date}）',
  'assigned.status.pending': '未開始',
  'assigned.status.in_progress': '進行中',
  'assigned.status.completed': '已完成',
  'assigned.start': '開始',
  'assigned.continue': '繼續',
  'assigned.view': '檢視',
  'assigned.moodHidden': '教練在這次練習中隱藏了情緒顯示：請從客戶說的話判斷他的情緒。',
  'assigned.moodHiddenShort': '情緒已由教練隱藏',
  'assigned.hintsOn': '提示已開啟（教練設定）',
  'assigned.hintsOff': '提示已關閉（教練設定）',
};
